package io.stackgate.identity.keycloak;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;
import io.stackgate.identity.Directory;
import io.stackgate.identity.DirectoryUser;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.RestClient;
import org.springframework.web.util.UriUtils;

/**
 * {@link Directory} on Keycloak's admin REST API ({@code <baseUrl>/admin/realms/<realm>/…}), as the backend client's
 * service account (client credentials; the token is reused until shortly before it expires).
 */
class KeycloakDirectory implements Directory {

    private static final int PAGE = 1000;

    private final KeycloakProperties keycloak;
    private final RestClient http;
    private final Clock clock;
    private String token;
    private Instant tokenRenewal = Instant.MIN;

    KeycloakDirectory(KeycloakProperties keycloak, RestClient.Builder http, Clock clock) {
        this.keycloak = keycloak;
        this.http = http.baseUrl(keycloak.baseUrl()).build();
        this.clock = clock;
    }

    @Override
    public Set<String> groupPaths() {
        Set<String> paths = new TreeSet<>();
        collect(admin().get().uri("/groups?briefRepresentation=true&first=0&max=" + PAGE).retrieve()
                .body(JsonNode.class), paths);
        return paths;
    }

    private void collect(JsonNode groups, Set<String> paths) {
        for (JsonNode group : groups) {
            paths.add(group.path("path").asText());
            if (group.path("subGroupCount").asInt(1) > 0) {
                collect(admin().get().uri("/groups/{id}/children?briefRepresentation=true&first=0&max=" + PAGE,
                        group.path("id").asText()).retrieve().body(JsonNode.class), paths);
            }
        }
    }

    @Override
    public void createGroup(String path) {
        String parentId = null;
        StringBuilder prefix = new StringBuilder();
        for (String name : segments(path)) {
            prefix.append('/').append(name);
            Optional<String> id = groupId(prefix.toString());
            if (id.isEmpty()) {
                create(parentId, name);
                id = groupId(prefix.toString());
            }
            parentId = id.orElseThrow(() -> new IllegalStateException("Keycloak did not create group " + prefix));
        }
    }

    private void create(String parentId, String name) {
        String uri = parentId == null ? "/groups" : "/groups/" + parentId + "/children";
        try {
            admin().post().uri(uri).contentType(MediaType.APPLICATION_JSON).body(Map.of("name", name))
                    .retrieve().toBodilessEntity();
        } catch (HttpClientErrorException.Conflict alreadyThere) {
            // created meanwhile (another instance syncing): that is what we wanted
        }
    }

    @Override
    public void deleteGroup(String path) {
        groupId(path).ifPresent(id -> {
            try {
                admin().delete().uri("/groups/{id}", id).retrieve().toBodilessEntity();
            } catch (HttpClientErrorException.NotFound gone) {
                // deleted meanwhile
            }
        });
    }

    @Override
    public void moveGroup(String path, String newParent) {
        String id = groupId(path).orElseThrow(() -> new IllegalStateException("no group " + path + " to move"));
        String parentId = groupId(newParent).orElseThrow(() -> new IllegalStateException("no group " + newParent));
        // posting an existing group as a child moves it, keeping its id, sub-groups and members
        admin().post().uri("/groups/{parent}/children", parentId).contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("id", id, "name", path.substring(path.lastIndexOf('/') + 1)))
                .retrieve().toBodilessEntity();
    }

    @Override
    public int memberCount(String path) {
        Set<String> userIds = new java.util.HashSet<>();
        groupId(path).ifPresent(id -> collectMembers(id, userIds));
        return userIds.size();
    }

    /** The ids of the group's direct members and, recursively, of its sub-groups' (Keycloak lists direct members only). */
    private void collectMembers(String groupId, Set<String> userIds) {
        for (int first = 0; ; first += PAGE) {
            JsonNode page = admin().get().uri("/groups/{id}/members?briefRepresentation=true&first={first}&max={max}",
                    groupId, first, PAGE).retrieve().body(JsonNode.class);
            if (page == null || page.isEmpty()) {
                break;
            }
            page.forEach(user -> userIds.add(user.path("id").asText()));
            if (page.size() < PAGE) {
                break;
            }
        }
        JsonNode children = admin().get().uri("/groups/{id}/children?briefRepresentation=true&first=0&max=" + PAGE,
                groupId).retrieve().body(JsonNode.class);
        if (children != null) {
            children.forEach(child -> collectMembers(child.path("id").asText(), userIds));
        }
    }

    @Override
    public Optional<DirectoryUser> user(String username) {
        JsonNode found = admin().get().uri("/users?exact=true&briefRepresentation=true&username={u}", username)
                .retrieve().body(JsonNode.class);
        if (found == null || found.isEmpty()) {
            return Optional.empty();
        }
        String id = found.get(0).path("id").asText();
        Set<String> groups = new TreeSet<>();
        admin().get().uri("/users/{id}/groups?briefRepresentation=true&first=0&max=" + PAGE, id).retrieve()
                .body(JsonNode.class).forEach(group -> groups.add(group.path("path").asText()));
        Set<String> roles = new TreeSet<>();
        admin().get().uri("/users/{id}/role-mappings/realm/composite?briefRepresentation=true", id).retrieve()
                .body(JsonNode.class).forEach(role -> roles.add(role.path("name").asText()));
        return Optional.of(new DirectoryUser(id, found.get(0).path("username").asText(), groups, roles));
    }

    Optional<String> groupId(String path) {
        StringBuilder encoded = new StringBuilder();
        for (String name : segments(path)) {
            encoded.append('/').append(UriUtils.encodePathSegment(name, "UTF-8"));
        }
        try {
            JsonNode group = admin().get().uri(builder -> builder.path("/group-by-path" + encoded).build())
                    .retrieve().body(JsonNode.class);
            return Optional.ofNullable(group).map(g -> g.path("id").asText());
        } catch (HttpClientErrorException.NotFound missing) {
            return Optional.empty();
        }
    }

    private static String[] segments(String path) {
        if (!path.startsWith("/") || path.length() < 2 || path.endsWith("/")) {
            throw new IllegalArgumentException("not a full group path: " + path);
        }
        return path.substring(1).split("/");
    }

    /** A client on the realm's admin API, authenticated as the backend's service account. */
    private RestClient admin() {
        String bearer = accessToken();
        String base = keycloak.baseUrl() + "/admin/realms/" + keycloak.realm();
        return http.mutate().baseUrl(base).defaultHeader(HttpHeaders.AUTHORIZATION, "Bearer " + bearer).build();
    }

    private synchronized String accessToken() {
        if (token != null && clock.instant().isBefore(tokenRenewal)) {
            return token;
        }
        MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
        form.add("grant_type", "client_credentials");
        form.add("client_id", keycloak.backendClientId());
        form.add("client_secret", keycloak.backendClientSecret());
        JsonNode answer = http.post().uri("/realms/{realm}/protocol/openid-connect/token", keycloak.realm())
                .contentType(MediaType.APPLICATION_FORM_URLENCODED).body(form).retrieve().body(JsonNode.class);
        if (answer == null || !answer.hasNonNull("access_token")) {
            throw new HttpClientErrorException(HttpStatus.UNAUTHORIZED, "Keycloak gave the backend client no token");
        }
        long lifetime = answer.path("expires_in").asLong(60);
        token = answer.get("access_token").asText();
        tokenRenewal = clock.instant().plusSeconds(Math.max(0, lifetime - Math.min(30, lifetime / 5)));
        return token;
    }
}

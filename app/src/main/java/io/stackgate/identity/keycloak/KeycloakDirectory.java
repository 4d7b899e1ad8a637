package io.stackgate.identity.keycloak;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
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
        Map<String, JsonNode> members = new HashMap<>();
        groupId(path).ifPresent(id -> collectMembers(id, members));
        return members.size();
    }

    @Override
    public List<DirectoryUser> members(String groupPath) {
        Map<String, JsonNode> members = new HashMap<>();
        groupId(groupPath).ifPresent(id -> collectMembers(id, members));
        return directoryUsers(members);
    }

    /**
     * Those the role is mapped to directly, and the members of the groups it is mapped to (with their sub-groups,
     * which inherit a group's role mappings). Holders by way of a composite role are found through that role in turn.
     */
    @Override
    public List<DirectoryUser> withRole(String realmRole) {
        Map<String, JsonNode> holders = new HashMap<>();
        Set<String> roles = new TreeSet<>();
        rolesContaining(realmRole, roles);
        for (String role : roles) {
            pages("/roles/{role}/users?briefRepresentation=true&first={first}&max={max}", role)
                    .forEach(user -> holders.putIfAbsent(user.path("id").asText(), user));
            pages("/roles/{role}/groups?briefRepresentation=true&first={first}&max={max}", role)
                    .forEach(group -> collectMembers(group.path("id").asText(), holders));
        }
        return directoryUsers(holders).stream().filter(user -> user.roles().contains(realmRole)).toList();
    }

    /** The role and, transitively, the realm's composite roles that include it; nothing for an unknown role. */
    private void rolesContaining(String role, Set<String> found) {
        Map<String, Set<String>> composites = new HashMap<>();
        boolean known = false;
        for (JsonNode realmRole : pages("/roles?briefRepresentation=false&first={first}&max={max}")) {
            String name = realmRole.path("name").asText();
            known |= name.equals(role);
            if (realmRole.path("composite").asBoolean()) {
                Set<String> included = new HashSet<>();
                admin().get().uri("/roles/{role}/composites/realm", name).retrieve().body(JsonNode.class)
                        .forEach(composite -> included.add(composite.path("name").asText()));
                composites.put(name, included);
            }
        }
        if (!known) {
            return;
        }
        found.add(role);
        Deque<String> open = new ArrayDeque<>(List.of(role));
        while (!open.isEmpty()) {
            String included = open.pop();
            composites.forEach((composite, includes) -> {
                if (includes.contains(included) && found.add(composite)) {
                    open.push(composite);
                }
            });
        }
    }

    /**
     * The group's direct members and, recursively, its sub-groups' (Keycloak lists direct members only), by id;
     * a user already collected is kept once.
     */
    private void collectMembers(String groupId, Map<String, JsonNode> members) {
        pages("/groups/{id}/members?briefRepresentation=true&first={first}&max={max}", groupId)
                .forEach(user -> members.putIfAbsent(user.path("id").asText(), user));
        pages("/groups/{id}/children?briefRepresentation=true&first={first}&max={max}", groupId)
                .forEach(child -> collectMembers(child.path("id").asText(), members));
    }

    /** Every page of a listing whose uri ends in {@code first={first}&max={max}}. */
    private List<JsonNode> pages(String uri, Object... variables) {
        List<JsonNode> all = new ArrayList<>();
        Object[] withPaging = Arrays.copyOf(variables, variables.length + 2);
        for (int first = 0; ; first += PAGE) {
            withPaging[variables.length] = first;
            withPaging[variables.length + 1] = PAGE;
            JsonNode page = admin().get().uri(uri, withPaging).retrieve().body(JsonNode.class);
            if (page == null || page.isEmpty()) {
                break;
            }
            page.forEach(all::add);
            if (page.size() < PAGE) {
                break;
            }
        }
        return all;
    }

    /**
     * The enabled ones of the listed users (id → brief representation) with their groups and effective roles, in name
     * order: a disabled account cannot sign in to act on what it would be told.
     */
    private List<DirectoryUser> directoryUsers(Map<String, JsonNode> users) {
        return users.entrySet().stream().filter(user -> user.getValue().path("enabled").asBoolean(true))
                .map(user -> directoryUser(user.getKey(), user.getValue().path("username").asText()))
                .sorted(Comparator.comparing(DirectoryUser::username)).toList();
    }

    @Override
    public Optional<DirectoryUser> user(String username) {
        JsonNode found = admin().get().uri("/users?exact=true&briefRepresentation=true&username={u}", username)
                .retrieve().body(JsonNode.class);
        if (found == null || found.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(directoryUser(found.get(0).path("id").asText(), found.get(0).path("username").asText()));
    }

    /** Keycloak lists a user's groups and effective realm roles only one user at a time: two calls per user. */
    private DirectoryUser directoryUser(String id, String username) {
        Set<String> groups = new TreeSet<>();
        pages("/users/{id}/groups?briefRepresentation=true&first={first}&max={max}", id)
                .forEach(group -> groups.add(group.path("path").asText()));
        Set<String> roles = new TreeSet<>();
        admin().get().uri("/users/{id}/role-mappings/realm/composite?briefRepresentation=true", id).retrieve()
                .body(JsonNode.class).forEach(role -> roles.add(role.path("name").asText()));
        return new DirectoryUser(id, username, groups, roles);
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

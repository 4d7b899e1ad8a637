package io.stackgate.identity.keycloak;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stackgate.identity.Caller;
import io.stackgate.identity.DevIdentityProperties;
import io.stackgate.identity.TenantGroups;

/**
 * Builds the Keycloak realm (as the JSON Keycloak imports) from tenants-config and the demo users: the group tree
 * {@code /tenants/<tenant>/<org unit>/…} with a {@code managers} group under every org unit, the platform's realm
 * roles, the portal, backend and Kubernetes clients with their mappers, and the users.
 */
public final class RealmGenerator {

    /** The client id Kubernetes API servers are configured with ({@code --oidc-client-id}). */
    static final String CLUSTER_CLIENT_ID = "kubernetes";


    public static final List<String> REALM_ROLES = List.of(Caller.PLATFORM_ADMIN, Caller.PLATFORM_OPS,
            Caller.AUDITOR, Caller.TENANT_ADMIN, Caller.APPROVER, Caller.REQUESTER);

    /**
     * The realm-management roles of the backend's service account: reading users and groups (the group sync's
     * look-ups, delegation checks, Camunda's identity plugin, a group's members for notifications) and the realm's
     * roles with their holders ({@code view-realm}: Keycloak lets nothing less read {@code /roles/<role>/users}, which
     * tells the holders of a role such as {@code role:platform-ops} of an approval task). Writing groups is a fine-grained admin permission
     * ({@link #adminPermissionsClient()}): {@code manage-users} would also let it create users, reset passwords and
     * map roles.
     */
    static final List<String> BACKEND_ROLES = List.of("view-users", "query-users", "query-groups", "view-realm");

    /** The client Keycloak (26.2+) keeps the realm's fine-grained admin permissions (v2) in. */
    static final String ADMIN_PERMISSIONS_CLIENT_ID = "admin-permissions";

    static final String TENANTS_ROOT = "/tenants";
    /** The UI's dev server (Vite), for the dev realm only. */
    private static final String UI_DEV_SERVER = "http://localhost:5173/*";

    private final JsonNodeFactory json = JsonNodeFactory.instance;
    private final KeycloakProperties keycloak;

    public RealmGenerator(KeycloakProperties keycloak) {
        this.keycloak = keycloak;
    }

    /**
     * Every group path under {@code /tenants} that tenants-config declares, parents (and {@code /tenants}) included:
     * each tenant, each org unit and its {@code managers} group, and every group the tenant's YAML names there.
     */
    public static SortedSet<String> tenantGroupPaths(Collection<TenantGroups.Declared> tenants) {
        SortedSet<String> paths = new TreeSet<>();
        for (TenantGroups.Declared tenant : tenants) {
            String root = TENANTS_ROOT + "/" + tenant.tenantId();
            paths.add(root);
            for (String unit : tenant.orgUnitPaths()) {
                addWithParents(paths, root + "/" + unit + "/managers");
            }
            tenant.namedGroups().stream().filter(group -> group.startsWith(TENANTS_ROOT + "/"))
                    .forEach(group -> addWithParents(paths, group));
        }
        return paths;
    }

    /**
     * The realm. {@code dev} adds direct access grants to the portal client (for curl and tests); the demo users are
     * given the password {@code <username>-demo}.
     */
    public ObjectNode realm(Collection<TenantGroups.Declared> tenants, Map<String, DevIdentityProperties.DemoUser> users,
            boolean dev) {
        SortedSet<String> groups = new TreeSet<>(tenantGroupPaths(tenants));
        tenants.forEach(tenant -> tenant.namedGroups().stream().filter(g -> g.startsWith("/"))
                .forEach(g -> addWithParents(groups, g)));
        users.values().forEach(user -> user.groups().forEach(g -> addWithParents(groups, g)));

        ObjectNode realm = json.objectNode()
                .put("realm", keycloak.realm())
                .put("enabled", true)
                .put("sslRequired", "external")
                .put("registrationAllowed", false)
                .put("accessTokenLifespan", keycloak.accessTokenLifespan().toSeconds())
                // fine-grained admin permissions v2: the backend may manage groups without manage-users
                .put("adminPermissionsEnabled", true);
        ArrayNode roles = realm.putObject("roles").putArray("realm");
        REALM_ROLES.forEach(role -> roles.addObject().put("name", role));
        realm.set("groups", groupTree(groups));
        ArrayNode clients = realm.putArray("clients");
        clients.add(portalClient(dev));
        clients.add(backendClient(dev));
        clients.add(clusterClient(dev));
        clients.add(adminPermissionsClient());
        ArrayNode realmUsers = realm.putArray("users");
        new TreeMap<>(users).forEach((name, user) -> realmUsers.add(demoUser(name, user)));
        realmUsers.add(backendServiceAccount());
        return realm;
    }

    private static void addWithParents(SortedSet<String> paths, String path) {
        for (int slash = path.indexOf('/', 1); slash > 0; slash = path.indexOf('/', slash + 1)) {
            paths.add(path.substring(0, slash));
        }
        paths.add(path);
    }

    /** Nested {@code {name, path, subGroups}} from sorted full paths (parents are always present). */
    private ArrayNode groupTree(SortedSet<String> paths) {
        ArrayNode top = json.arrayNode();
        Map<String, ArrayNode> children = new TreeMap<>();
        for (String path : paths) {
            int slash = path.lastIndexOf('/');
            ObjectNode group = json.objectNode().put("name", path.substring(slash + 1)).put("path", path);
            children.put(path, group.putArray("subGroups"));
            (slash == 0 ? top : children.get(path.substring(0, slash))).add(group);
        }
        return top;
    }

    /** An OpenID Connect client with the authorization code flow, no implicit flow and no service account. */
    private ObjectNode client(String clientId, String name, boolean publicClient, boolean directAccessGrants) {
        return json.objectNode()
                .put("clientId", clientId)
                .put("name", name)
                .put("enabled", true)
                .put("protocol", "openid-connect")
                .put("publicClient", publicClient)
                .put("standardFlowEnabled", true)
                .put("implicitFlowEnabled", false)
                .put("directAccessGrantsEnabled", directAccessGrants)
                .put("serviceAccountsEnabled", false);
    }

    private ObjectNode portalClient(boolean dev) {
        ObjectNode client = client(keycloak.portalClientId(), "Stackgate portal", true, dev);
        ArrayNode portalRedirects = client.putArray("redirectUris").add(keycloak.publicUrl() + "/*");
        if (dev) {
            portalRedirects.add(UI_DEV_SERVER);
        }
        client.putArray("webOrigins").add("+");
        client.putObject("attributes")
                .put("pkce.code.challenge.method", "S256")
                .put("post.logout.redirect.uris", "+");
        client.set("protocolMappers", mappers());
        return client;
    }

    private ObjectNode backendClient(boolean dev) {
        ObjectNode client = client(keycloak.backendClientId(), "Stackgate backend", false, false)
                .put("clientAuthenticatorType", "client-secret")
                .put("secret", keycloak.backendClientSecret())
                .put("serviceAccountsEnabled", true);
        // the Cockpit login (authorization code on the backend client) returns here
        ArrayNode backendRedirects = client.putArray("redirectUris").add(keycloak.publicUrl() + "/login/oauth2/code/*");
        if (dev) {
            backendRedirects.add(keycloak.publicUrl().replace("//127.0.0.1", "//localhost") + "/login/oauth2/code/*");
        }
        client.putObject("attributes").put("post.logout.redirect.uris", "+");
        client.set("protocolMappers", mappers());
        return client;
    }

    /**
     * The client the Kubernetes API servers trust ({@code --oidc-client-id=kubernetes}): users log in with kubectl
     * (kubelogin's loopback redirects) and get tokens whose {@code groups} the RoleBindings Stackgate writes name.
     */
    private ObjectNode clusterClient(boolean dev) {
        ObjectNode client = client(CLUSTER_CLIENT_ID, "Kubernetes clusters", true, dev);
        client.putArray("redirectUris").add("http://localhost:8000").add("http://localhost:18000");
        client.putObject("attributes").put("pkce.code.challenge.method", "S256");
        client.set("protocolMappers", mappers(CLUSTER_CLIENT_ID));
        return client;
    }

    private ArrayNode mappers() {
        return mappers(keycloak.backendClientId());
    }

    /** {@code groups} with full paths, and {@code audience} in every access token's {@code aud}. */
    private ArrayNode mappers(String audience) {
        ArrayNode mappers = json.arrayNode();
        mappers.addObject().put("name", "groups").put("protocol", "openid-connect")
                .put("protocolMapper", "oidc-group-membership-mapper")
                .putObject("config")
                .put("full.path", "true")
                .put("claim.name", "groups")
                .put("access.token.claim", "true")
                .put("id.token.claim", "true")
                .put("userinfo.token.claim", "true")
                .put("introspection.token.claim", "true");
        mappers.addObject().put("name", "audience " + audience).put("protocol", "openid-connect")
                .put("protocolMapper", "oidc-audience-mapper")
                .putObject("config")
                .put("included.client.audience", audience)
                .put("access.token.claim", "true")
                .put("id.token.claim", "false")
                .put("introspection.token.claim", "true");
        return mappers;
    }

    private ObjectNode demoUser(String username, DevIdentityProperties.DemoUser demo) {
        // Keycloak's user profile wants a name and an e-mail address, else the account is "not fully set up"
        ObjectNode user = json.objectNode()
                .put("username", username)
                .put("enabled", true)
                .put("email", username + "@stackgate.example")
                .put("emailVerified", true)
                .put("firstName", Character.toUpperCase(username.charAt(0)) + username.substring(1))
                .put("lastName", "Demo");
        user.putArray("credentials").addObject()
                .put("type", "password").put("value", username + "-demo").put("temporary", false);
        demo.roles().forEach(user.putArray("realmRoles")::add);
        demo.groups().forEach(user.putArray("groups")::add);
        return user;
    }

    /**
     * The realm's admin permissions (v2): the backend's service account may view and manage (create, rename, move,
     * delete) groups, and nothing else beyond its read-only roles — no users, passwords, memberships or role mappings
     * (mapping a role to a group also needs a permission on the role). Keycloak has no permission scoped to a group
     * and its sub-groups, so it covers every group of the realm. With {@code adminPermissionsEnabled} Keycloak creates
     * this client with its resource types on import; the policies below are added to it.
     */
    private ObjectNode adminPermissionsClient() {
        String account = keycloak.backendClientId() + " service account";
        ObjectNode client = json.objectNode()
                .put("clientId", ADMIN_PERMISSIONS_CLIENT_ID)
                .put("enabled", true)
                .put("publicClient", false)
                .put("bearerOnly", false)
                .put("standardFlowEnabled", false)
                .put("authorizationServicesEnabled", true);
        ObjectNode settings = client.putObject("authorizationSettings")
                .put("allowRemoteResourceManagement", false)
                .put("policyEnforcementMode", "ENFORCING")
                .put("decisionStrategy", "UNANIMOUS");
        ArrayNode policies = settings.putArray("policies");
        policies.addObject().put("name", account).put("type", "client").put("logic", "POSITIVE")
                .put("decisionStrategy", "UNANIMOUS")
                .putObject("config").put("clients", "[\"" + keycloak.backendClientId() + "\"]");
        policies.addObject().put("name", keycloak.backendClientId() + " manages groups").put("type", "scope")
                .put("logic", "POSITIVE").put("decisionStrategy", "UNANIMOUS")
                .putObject("config")
                .put("defaultResourceType", "Groups")
                .put("resources", "[\"Groups\"]")
                .put("scopes", "[\"view\",\"manage\"]")
                .put("applyPolicies", "[\"" + account + "\"]");
        return client;
    }

    private ObjectNode backendServiceAccount() {
        ObjectNode user = json.objectNode()
                .put("username", "service-account-" + keycloak.backendClientId())
                .put("enabled", true)
                .put("serviceAccountClientId", keycloak.backendClientId());
        BACKEND_ROLES.forEach(user.putObject("clientRoles").putArray("realm-management")::add);
        return user;
    }
}

package io.stackgate.identity;

import static io.stackgate.support.Requests.smallVm;
import static io.stackgate.support.Requests.submission;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Base64;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stackgate.support.Api;
import io.stackgate.support.RealKeycloak;
import io.stackgate.support.RealKeycloakTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Real Keycloak tokens: which ones the API accepts, and group changes taking effect at the next token. */
@RealKeycloakTest
class RealTokensIT {

    @Autowired
    Api api;

    private int status(String token) {
        return api.withToken(token).get("/api/requests").status();
    }

    @Test
    void aTokenOfThePlatformsRealmAndClientIsAccepted() {
        assertThat(status(RealKeycloak.token("alice"))).isEqualTo(200);
    }

    @Test
    void aTokenOfAnotherRealmOnTheSameServerIsRefused() {
        assertThat(status(RealKeycloak.masterAdminToken())).isEqualTo(401);
    }

    @Test
    void aTokenThatIsNotMeantForThePlatformIsRefused() {
        String viaAdminCli = RealKeycloak.token("admin-cli", "alice");
        assertThat(RealKeycloak.claims(viaAdminCli).path("aud").toString()).doesNotContain("stackgate-backend");
        assertThat(status(viaAdminCli)).isEqualTo(401);
    }

    @Test
    void aTamperedTokenIsRefused() {
        String[] parts = RealKeycloak.token("alice").split("\\.");
        ObjectNode claims = (ObjectNode) RealKeycloak.claims(String.join(".", parts));
        claims.putObject("realm_access").putArray("roles").add("platform-admin");
        String forged = parts[0] + "." + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(claims.toString().getBytes()) + "." + parts[2];
        assertThat(status(forged)).isEqualTo(401);
    }

    @Test
    void removingAliceFromHerGroupInKeycloakTakesEffectAtHerNextToken() {
        String before = RealKeycloak.token("alice");
        assertThat(api.withToken(before).post("/api/requests", submission("acme", "web", "vm", smallVm())).status())
                .isEqualTo(201);
        RealKeycloak.removeFromGroup("alice", "/tenants/acme/engineering");
        try {
            String after = RealKeycloak.token("alice");
            assertThat(api.withToken(after).post("/api/requests", submission("acme", "web", "vm", smallVm())).status())
                    .as("no group, no tenant: acme is not found for her").isEqualTo(404);
            assertThat(api.withToken(after).get("/api/tenants").body()).isEmpty();
        } finally {
            RealKeycloak.addToGroup("alice", "/tenants/acme/engineering");
        }
        assertThat(api.withToken(RealKeycloak.token("alice")).post("/api/requests",
                submission("acme", "web", "vm", smallVm())).status()).isEqualTo(201);
    }
}

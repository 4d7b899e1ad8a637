package io.stackgate.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import io.stackgate.identity.security.TokenIssuer;
import io.stackgate.support.Api;
import io.stackgate.support.StackgateTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;

/** Cockpit and its API: operators only; browsers are sent to the Keycloak login; Camunda sees who logged in. */
@StackgateTest
class CockpitAccessApiTest {

    @Autowired
    Api api;

    @Autowired
    TokenIssuer issuer;

    @Value("${local.server.port}")
    int port;

    // that Camunda then knows the user (from Keycloak, through the identity plugin) is CockpitLoginIT's part

    @Test
    void anOperatorGetsThroughToTheCamundaWebapps() {
        assertThat(api.as("olga").get("/camunda/api/engine/engine").status()).isEqualTo(200);
        assertThat(api.as("admin").get("/camunda/api/engine/engine").status()).isEqualTo(200);
    }

    @Test
    void aTenantMemberOrApproverIsRefused() {
        assertThat(api.as("alice").get("/camunda/api/engine/engine").status()).isEqualTo(403);
        assertThat(api.as("bob").get("/camunda/api/engine/engine").status()).isEqualTo(403);
        assertThat(api.anonymous().get("/camunda/api/engine/engine").status()).isEqualTo(401);
    }

    @Test
    void aBrowserWithoutLoginIsSentToKeycloak() throws Exception {
        HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
        HttpResponse<Void> cockpit = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/camunda/app/cockpit/"))
                .header("Accept", "text/html").build(), HttpResponse.BodyHandlers.discarding());
        assertThat(cockpit.statusCode()).isEqualTo(302);
        String login = cockpit.headers().firstValue("Location").orElseThrow();
        assertThat(login).endsWith("/oauth2/authorization/keycloak");

        HttpResponse<Void> authorize = http.send(HttpRequest.newBuilder(URI.create(login)).build(),
                HttpResponse.BodyHandlers.discarding());
        assertThat(authorize.statusCode()).isEqualTo(302);
        assertThat(authorize.headers().firstValue("Location").orElseThrow())
                .startsWith(issuer.uri() + "/protocol/openid-connect/auth?")
                .contains("client_id=stackgate-backend")
                .contains("response_type=code");
    }
}

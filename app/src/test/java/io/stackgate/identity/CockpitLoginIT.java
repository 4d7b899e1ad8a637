package io.stackgate.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stackgate.support.Api;
import io.stackgate.support.LoopbackCookieJar;
import io.stackgate.support.RealKeycloak;
import io.stackgate.support.RealKeycloakTest;
import org.camunda.bpm.engine.ProcessEngine;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;

/** Camunda's webapps know the Keycloak user: user and groups from Keycloak (identity plugin), operators only. */
@RealKeycloakTest
class CockpitLoginIT {

    @Autowired
    Api api;

    @Autowired
    ProcessEngine engine;

    @Autowired
    ObjectMapper json;

    @LocalServerPort
    int port;

    /** A browser-like session: opening Cockpit logs the token's user into the Camunda webapps. */
    private HttpResponse<String> inSession(HttpClient browser, String token, String path) throws Exception {
        return browser.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Bearer " + token).header("Accept", "application/json").build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void anOperatorsKeycloakTokenLogsIntoTheCamundaWebappsAsThatUser() throws Exception {
        HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
        String olga = RealKeycloak.token("olga");
        assertThat(inSession(browser, olga, "/camunda/app/cockpit/" + engine.getName() + "/").statusCode()).isEqualTo(200);

        HttpResponse<String> user = inSession(browser, olga, "/camunda/api/admin/auth/user/" + engine.getName());
        assertThat(user.statusCode()).isEqualTo(200);
        JsonNode body = json.readTree(user.body());
        assertThat(body.path("userId").asText()).isEqualTo("olga");
        assertThat(body.path("authorizedApps").toString()).contains("cockpit");
        assertThat(cockpitLogins()).as("the login is in the audit log").isPositive();
    }

    /** Olga's logins to the engine's web apps as the audit log has them. */
    private long cockpitLogins() {
        return api.withToken(RealKeycloak.token("admin")).get("/api/audit?action=session.cockpit-login&actor=olga")
                .body().path("total").asLong();
    }

    @Test
    void anOperatorLogsInOnKeycloaksLoginPageAndLandsInCockpit() throws Exception {
        allowRedirectsToThisPort();
        long before = cockpitLogins();
        HttpClient browser = HttpClient.newBuilder().cookieHandler(new LoopbackCookieJar())
                .followRedirects(HttpClient.Redirect.ALWAYS).build();
        HttpResponse<String> loginPage = browser.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/camunda/app/cockpit/" + engine.getName() + "/"))
                .header("Accept", "text/html").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(loginPage.uri().toString()).startsWith(RealKeycloak.issuer() + "/protocol/openid-connect/auth");
        Matcher action = Pattern.compile("action=\"([^\"]+)\"").matcher(loginPage.body());
        assertThat(action.find()).as("Keycloak's login form").isTrue();

        HttpResponse<String> cockpit = browser.send(HttpRequest.newBuilder(URI.create(action.group(1).replace("&amp;", "&")))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Accept", "text/html")
                .POST(HttpRequest.BodyPublishers.ofString("username=olga&password=olga-demo")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(cockpit.statusCode()).as(cockpit.uri() + " " + cockpit.body()).isEqualTo(200);
        assertThat(cockpit.uri().getPort()).isEqualTo(port);
        assertThat(cockpit.body()).contains("Camunda Cockpit");

        HttpResponse<String> user = browser.send(HttpRequest.newBuilder(URI.create(
                "http://127.0.0.1:" + port + "/camunda/api/admin/auth/user/" + engine.getName())).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(json.readTree(user.body()).path("userId").asText()).isEqualTo("olga");
        assertThat(cockpitLogins()).as("this login is in the audit log").isGreaterThan(before);
    }

    /** The realm lets the login return to port 8080; this test's app listens on another. */
    private void allowRedirectsToThisPort() {
        RestClient admin = RealKeycloak.adminClient();
        JsonNode client = admin.get().uri("/clients?clientId=stackgate-backend").retrieve().body(JsonNode.class).get(0);
        ObjectNode update = client.deepCopy();
        update.withArray("redirectUris").add("http://127.0.0.1:" + port + "/login/oauth2/code/*");
        admin.put().uri("/clients/{id}", client.path("id").asText()).contentType(MediaType.APPLICATION_JSON)
                .body(update).retrieve().toBodilessEntity();
    }

    @Test
    void camundaFindsKeycloakUsersAndGroupsByFullPath() {
        Api.As olga = api.withToken(RealKeycloak.token("olga"));
        String base = "/camunda/api/engine/engine/" + engine.getName();
        Api.Response bob = olga.get(base + "/user/bob/profile");
        assertThat(bob.status()).isEqualTo(200);
        assertThat(bob.text("id")).isEqualTo("bob");
        Api.Response groups = olga.get(base + "/group?member=bob");
        assertThat(groups.status()).isEqualTo(200);
        // the plugin names groups by their path without the leading slash; the logged-in user's groups (and so the
        // candidate groups Tasklist matches) come from the token, with it
        assertThat(groups.body().findValuesAsText("id")).contains("tenants/acme/engineering/managers");
    }

    @Test
    void aRequestersKeycloakTokenIsRefused() {
        assertThat(api.withToken(RealKeycloak.token("alice")).get("/camunda/app/cockpit/" + engine.getName() + "/")
                .status()).isEqualTo(403);
        assertThat(api.withToken(RealKeycloak.token("alice")).get("/camunda/api/engine/engine").status()).isEqualTo(403);
    }
}

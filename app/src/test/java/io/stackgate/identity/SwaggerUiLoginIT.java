package io.stackgate.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stackgate.support.Api;
import io.stackgate.support.LoopbackCookieJar;
import io.stackgate.support.RealKeycloak;
import io.stackgate.support.RealKeycloakTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;

/**
 * Swagger UI's <em>Authorize</em> against the real Keycloak, step by step as the browser takes them: the document's
 * OpenID Connect scheme names the issuer's discovery document, Swagger UI's config the portal client with PKCE; the
 * user logs in on Keycloak's page, the code comes back to Swagger UI's redirect page, is exchanged cross-origin for a
 * token (with the code verifier, no secret) and that token opens the API.
 */
@RealKeycloakTest
class SwaggerUiLoginIT {

    @Autowired
    Api api;

    @Autowired
    ObjectMapper json;

    @LocalServerPort
    int port;

    @Test
    void authorizeLogsInOnKeycloakWithThePortalClientAndPkceAndTheTokenOpensTheApi() throws Exception {
        String origin = "http://127.0.0.1:" + port;
        Api.As alice = api.withToken(RealKeycloak.token("alice"));
        // springdoc hands Swagger UI its OAuth settings in the initializer script (ui.initOAuth)
        String initializer = alice.get("/swagger-ui/swagger-initializer.js").body().asText();
        String clientId = RealKeycloak.settings().portalClientId();
        assertThat(initializer).contains("initOAuth").containsPattern("\"clientId\"\\s*:\\s*\"" + clientId + "\"")
                .containsPattern("\"usePkceWithAuthorizationCodeGrant\"\\s*:\\s*true");
        String redirect = origin + "/swagger-ui/oauth2-redirect.html";
        assertThat(alice.get("/v3/api-docs/swagger-config").body().path("oauth2RedirectUrl").asText()).isEqualTo(redirect);
        allowLoginsReturningTo(origin);

        String discoveryUrl = alice.get("/v3/api-docs").body().path("components").path("securitySchemes")
                .path("keycloak").path("openIdConnectUrl").asText();
        assertThat(discoveryUrl).isEqualTo(RealKeycloak.issuer() + "/.well-known/openid-configuration");
        HttpClient browser = HttpClient.newBuilder().cookieHandler(new LoopbackCookieJar()).build();
        HttpResponse<String> discovery = browser.send(HttpRequest.newBuilder(URI.create(discoveryUrl))
                .header("Origin", origin).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(discovery.statusCode()).isEqualTo(200);
        assertThat(discovery.headers().firstValue("Access-Control-Allow-Origin")).as("Swagger UI reads it cross-origin")
                .hasValueSatisfying(allowed -> assertThat(allowed).isIn("*", origin));
        JsonNode endpoints = json.readTree(discovery.body());

        String verifier = UUID.randomUUID() + "-" + UUID.randomUUID();
        String challenge = Base64.getUrlEncoder().withoutPadding().encodeToString(
                MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        URI authorize = URI.create(endpoints.path("authorization_endpoint").asText() + "?response_type=code"
                + "&client_id=" + clientId + "&redirect_uri=" + encode(redirect) + "&scope=openid&state=s1"
                + "&code_challenge=" + challenge + "&code_challenge_method=S256");
        HttpResponse<String> loginPage = browser.send(HttpRequest.newBuilder(authorize).build(),
                HttpResponse.BodyHandlers.ofString());
        Matcher action = Pattern.compile("action=\"([^\"]+)\"").matcher(loginPage.body());
        assertThat(action.find()).as("Keycloak's login form: " + loginPage.body()).isTrue();
        HttpResponse<String> loggedIn = browser.send(HttpRequest.newBuilder(URI.create(action.group(1).replace("&amp;", "&")))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("username=alice&password=alice-demo")).build(),
                HttpResponse.BodyHandlers.ofString());
        String back = loggedIn.headers().firstValue("Location").orElseThrow(() ->
                new AssertionError("no redirect after the login: " + loggedIn.statusCode() + " " + loggedIn.body()));
        assertThat(back).startsWith(redirect + "?");
        Matcher code = Pattern.compile("[?&]code=([^&]+)").matcher(back);
        assertThat(code.find()).isTrue();

        HttpResponse<String> tokens = browser.send(HttpRequest.newBuilder(
                URI.create(endpoints.path("token_endpoint").asText())).header("Origin", origin)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=authorization_code&client_id=" + clientId
                        + "&code=" + code.group(1) + "&redirect_uri=" + encode(redirect) + "&code_verifier=" + verifier))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(tokens.statusCode()).as(tokens.body()).isEqualTo(200);
        assertThat(tokens.headers().firstValue("Access-Control-Allow-Origin")).hasValue(origin);
        String token = json.readTree(tokens.body()).path("access_token").asText();

        Api.Response tenants = api.withToken(token).get("/api/tenants");
        assertThat(tenants.status()).isEqualTo(200);
        assertThat(tenants.body().findValuesAsText("name")).contains("ACME Corporation");
    }

    /** The realm's portal client accepts logins returning to port 8080 and the UI's dev server; this app is on another port. */
    private void allowLoginsReturningTo(String origin) {
        RestClient admin = RealKeycloak.adminClient();
        JsonNode client = admin.get().uri("/clients?clientId={id}", RealKeycloak.settings().portalClientId()).retrieve()
                .body(JsonNode.class).get(0);
        ObjectNode update = client.deepCopy();
        update.withArray("redirectUris").add(origin + "/*");
        admin.put().uri("/clients/{id}", client.path("id").asText()).contentType(MediaType.APPLICATION_JSON)
                .body(update).retrieve().toBodilessEntity();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}

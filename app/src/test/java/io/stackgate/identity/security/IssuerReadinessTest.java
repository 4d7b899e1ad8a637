package io.stackgate.identity.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpServer;
import io.stackgate.support.Api;
import io.stackgate.support.TestDatabases;
import io.stackgate.support.TestProfiles;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Readiness waits for the issuer: a real HTTP server stands in for an external Keycloak, answering 503 at first and
 * its discovery document later; /actuator/health and its readiness group are not UP before it answers. (The same
 * application runs with stackgate.security.public-api-docs on, as the dev profile does.)
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "stackgate.tenants.config-dir=src/test/tenants-config",
        "stackgate.dev-identity.enabled=false",
        "stackgate.security.issuer-health.cache-for=PT0.1S",
        // as the dev profile has it (one context for both)
        "stackgate.security.public-api-docs=true"})
@ActiveProfiles(resolver = TestProfiles.class)
@Import({TestDatabases.class, Api.class})
class IssuerReadinessTest {

    private static final AtomicBoolean KEYCLOAK_UP = new AtomicBoolean();
    private static final AtomicInteger LOOKS = new AtomicInteger();
    private static final HttpServer ISSUER = standIn();

    @DynamicPropertySource
    static void issuer(DynamicPropertyRegistry registry) {
        registry.add("stackgate.security.issuer-uri", IssuerReadinessTest::issuerUri);
    }

    private static String issuerUri() {
        return "http://127.0.0.1:" + ISSUER.getAddress().getPort() + "/realms/stackgate";
    }

    /** Keycloak while it starts: 503 on every path; once up, the realm's discovery document. */
    private static HttpServer standIn() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/", exchange -> {
                if (exchange.getRequestURI().getPath().endsWith("/.well-known/openid-configuration")) {
                    LOOKS.incrementAndGet();
                }
                boolean discovery = exchange.getRequestURI().getPath()
                        .equals("/realms/stackgate/.well-known/openid-configuration");
                byte[] body = ("{\"issuer\":\"" + issuerUri() + "\",\"jwks_uri\":\"" + issuerUri()
                        + "/protocol/openid-connect/certs\"}").getBytes(StandardCharsets.UTF_8);
                if (KEYCLOAK_UP.get() && discovery) {
                    exchange.getResponseHeaders().add("Content-Type", "application/json");
                    exchange.sendResponseHeaders(200, body.length);
                    exchange.getResponseBody().write(body);
                } else {
                    exchange.sendResponseHeaders(503, -1);
                }
                exchange.close();
            });
            server.start();
            return server;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @AfterAll
    static void stop() {
        ISSUER.stop(0);
    }

    @Autowired
    Api api;

    @Test
    void readinessIsOutOfServiceUntilTheIssuerServesItsDiscoveryDocumentThenUp() {
        KEYCLOAK_UP.set(false); // (the other test may have run first; the app's answer is reused for 0.1 s)
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() ->
                api.anonymous().get("/actuator/health/readiness").status() == 503);
        Api.Response readiness = api.anonymous().get("/actuator/health/readiness");
        assertThat(readiness.status()).isEqualTo(503);
        assertThat(readiness.text("status")).isEqualTo("OUT_OF_SERVICE");
        assertThat(readiness.body().has("components")).as("no details for anonymous callers").isFalse();
        Api.Response health = api.anonymous().get("/actuator/health");
        assertThat(health.status()).isEqualTo(503);
        assertThat(health.text("status")).isEqualTo("OUT_OF_SERVICE");
        assertThat(api.anonymous().get("/actuator/health/liveness").status()).as("alive all the same").isEqualTo(200);
        assertThat(LOOKS.get()).as("the issuer was asked").isPositive();

        KEYCLOAK_UP.set(true);

        Awaitility.await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(api.anonymous().get("/actuator/health/readiness").status()).isEqualTo(200));
        assertThat(api.anonymous().get("/actuator/health/readiness").text("status")).isEqualTo("UP");
        assertThat(api.anonymous().get("/actuator/health").text("status")).isEqualTo("UP");
    }

    @Test
    void withPublicApiDocsOnTheDocumentAndSwaggerUiAnswerWithoutATokenAndTheRestStillNeedsOne() {
        assertThat(api.anonymous().get("/v3/api-docs").status()).isEqualTo(200);
        assertThat(api.anonymous().get("/swagger-ui/index.html").status()).isEqualTo(200);
        assertThat(api.anonymous().get("/api/tenants").status()).isEqualTo(401);
        assertThat(api.anonymous().get("/actuator/info").status()).isEqualTo(401);
    }

    @Test
    void healthStaysCheapAnswersWithinTheCacheTimeAskTheIssuerOnce() {
        KEYCLOAK_UP.set(true);
        IssuerHealthIndicator indicator = new IssuerHealthIndicator(new TokenIssuer(issuerUri(), TokenIssuer.Kind.EXTERNAL),
                new SecurityProperties.IssuerHealth(Duration.ofSeconds(2), Duration.ofMinutes(1)), java.time.Clock.systemUTC());
        int before = LOOKS.get();
        for (int i = 0; i < 5; i++) {
            assertThat(indicator.health().getStatus().getCode()).isEqualTo("UP");
        }
        assertThat(LOOKS.get() - before).isEqualTo(1);
    }
}

package io.stackgate.identity.security;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Readiness waits for the token issuer ({@code issuer} in {@code /actuator/health/readiness}): a client that waits
 * for UP must be able to log in. UP once the issuer serves its OIDC discovery document naming itself — the dev
 * Keycloak after it has started and imported the realm, an external issuer while it answers — and OUT_OF_SERVICE
 * before. The test-token signer needs nothing. Each look has a short timeout and its answer is reused for a while,
 * so that health stays cheap.
 */
@Component
class IssuerHealthIndicator implements HealthIndicator {

    private final TokenIssuer issuer;
    private final Duration timeout;
    private final Duration cacheFor;
    private final Clock clock;
    private final HttpClient http;
    private final ObjectMapper json = new ObjectMapper();
    private Health last;
    private Instant lastAt = Instant.MIN;

    @Autowired
    IssuerHealthIndicator(TokenIssuer issuer, SecurityProperties security, Clock clock) {
        this(issuer, security.issuerHealth(), clock);
    }

    IssuerHealthIndicator(TokenIssuer issuer, SecurityProperties.IssuerHealth settings, Clock clock) {
        this.issuer = issuer;
        this.timeout = settings.timeout();
        this.cacheFor = settings.cacheFor();
        this.clock = clock;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    @Override
    public synchronized Health health() {
        if (issuer.kind() == TokenIssuer.Kind.TEST_TOKENS) {
            return Health.up().withDetail("issuer", issuer.uri()).withDetail("kind", "test tokens").build();
        }
        Instant now = clock.instant();
        if (last == null || !now.isBefore(lastAt.plus(cacheFor))) {
            last = look();
            lastAt = now;
        }
        return last;
    }

    private Health look() {
        URI discovery = URI.create(issuer.uri() + "/.well-known/openid-configuration");
        Health.Builder health = Health.outOfService();
        try {
            HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(discovery).timeout(timeout)
                    .header("Accept", "application/json").GET().build(), HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200) {
                health.withDetail("error", "the discovery document answered " + response.statusCode());
            } else {
                JsonNode document = json.readTree(response.body());
                String named = document.path("issuer").asText();
                if (sameIssuer(named, issuer.uri())) {
                    health = Health.up();
                } else {
                    health = Health.down().withDetail("error", "the discovery document names the issuer '" + named + "'");
                }
            }
        } catch (IOException e) {
            health.withDetail("error", "no answer: " + e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            health.withDetail("error", "interrupted");
        }
        return health.withDetail("issuer", issuer.uri())
                .withDetail("kind", issuer.kind().name().toLowerCase().replace('_', '-')).build();
    }

    private static boolean sameIssuer(String a, String b) {
        return a.replaceAll("/+$", "").equals(b.replaceAll("/+$", ""));
    }
}

package io.stackgate.identity;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.stackgate.support.Api;
import io.stackgate.support.StackgateTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Health for everyone, its details for platform admins and operators only; with the fast suite's test tokens the
 * issuer needs nothing to be ready (IssuerReadinessTest: an external issuer that answers late).
 */
@StackgateTest
class HealthApiTest {

    @Autowired
    Api api;

    @Test
    void withTestTokensReadinessIsUpAndTheIssuerNeedsNothing() {
        Api.Response readiness = api.as("admin").get("/actuator/health/readiness");
        assertThat(readiness.status()).isEqualTo(200);
        assertThat(readiness.text("status")).isEqualTo("UP");
        JsonNode issuer = readiness.body().path("components").path("issuer");
        assertThat(issuer.path("status").asText()).isEqualTo("UP");
        assertThat(issuer.path("details").path("kind").asText()).isEqualTo("test tokens");
    }

    @Test
    void anonymousCallersAndTenantUsersSeeTheStatusOnlyOperatorsSeeTheComponents() {
        for (Api.As caller : new Api.As[] {api.anonymous(), api.as("alice"), api.as("carol"), api.as("maya")}) {
            Api.Response health = caller.get("/actuator/health");
            assertThat(health.status()).isEqualTo(200);
            assertThat(health.text("status")).isEqualTo("UP");
            assertThat(health.body().has("components")).isFalse();
            assertThat(caller.get("/actuator/health/readiness").body().has("components")).isFalse();
        }
        for (String operator : new String[] {"olga", "admin"}) {
            JsonNode components = api.as(operator).get("/actuator/health").body().path("components");
            assertThat(components.has("issuer")).as(operator).isTrue();
            assertThat(components.has("db")).as(operator).isTrue();
        }
    }
}

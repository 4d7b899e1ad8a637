package io.stackgate.identity;

import static io.stackgate.support.Requests.texts;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.stackgate.support.Api.Response;
import io.stackgate.support.Api;
import io.stackgate.support.StackgateTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

@StackgateTest
class MeApiTest {

    @Autowired
    Api api;

    @Test
    void aliceIsARequesterOfAcmeAndAMemberOfItsEngineeringProjects() {
        JsonNode me = me("alice");

        assertThat(me.path("username").asText()).isEqualTo("alice");
        assertThat(me.path("sub").asText()).isNotBlank();
        assertThat(me.path("displayName").asText()).isNotBlank();
        assertThat(texts(me.path("roles"), null)).isEmpty();
        assertThat(me.path("approver").asBoolean()).isFalse();
        assertThat(me.path("operator").asBoolean()).isFalse();
        assertThat(texts(me.path("tenants"), "tenantId")).containsExactly("acme");
        JsonNode acme = me.path("tenants").get(0);
        assertThat(acme.path("name").asText()).isEqualTo("ACME Corporation");
        assertThat(texts(acme.path("roles"), null)).containsExactly("requester");
        assertThat(acme.path("projects")).anySatisfy(project -> {
            assertThat(project.path("projectId").asText()).isEqualTo("web");
            assertThat(project.path("role").asText()).isEqualTo("member");
        });
    }

    @Test
    void bobIsAnApproverOfAcme() {
        JsonNode me = me("bob");

        assertThat(me.path("approver").asBoolean()).isTrue();
        assertThat(me.path("operator").asBoolean()).isFalse();
        assertThat(texts(me.path("tenants"), "tenantId")).containsExactly("acme");
        assertThat(texts(me.path("tenants").get(0).path("roles"), null)).containsExactly("approver");
    }

    @Test
    void olgaIsAPlatformOperatorWhoSeesEveryTenant() {
        JsonNode me = me("olga");

        assertThat(texts(me.path("roles"), null)).containsExactly("platform-ops");
        assertThat(me.path("operator").asBoolean()).isTrue();
        assertThat(me.path("approver").asBoolean()).isTrue();
        assertThat(texts(me.path("tenants"), "tenantId")).contains("acme", "globex");
        me.path("tenants").forEach(tenant -> {
            assertThat(texts(tenant.path("roles"), null)).as("olga's roles in " + tenant).isEmpty();
            assertThat(tenant.path("projects")).as("olga's projects in " + tenant).isEmpty();
        });
    }

    @Test
    void daveSeesGlobexOnly() {
        JsonNode me = me("dave");

        assertThat(texts(me.path("tenants"), "tenantId")).containsExactly("globex");
        assertThat(texts(me.path("tenants").get(0).path("roles"), null)).containsExactly("requester");
        assertThat(me.path("tenants").get(0).path("projects")).isNotEmpty();
        assertThat(me.path("operator").asBoolean()).isFalse();
    }

    @Test
    void withoutATokenThereIsNobody() {
        assertThat(api.anonymous().get("/api/me").status()).isEqualTo(401);
    }

    private JsonNode me(String user) {
        Response response = api.as(user).get("/api/me");
        assertThat(response.status()).as("%s", response.body()).isEqualTo(200);
        return response.body();
    }
}

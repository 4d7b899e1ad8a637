package io.stackgate.identity.keycloak;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.stackgate.support.Api;
import io.stackgate.support.RealKeycloak;
import io.stackgate.support.RealKeycloakTest;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;

/**
 * The running app's group sync against the real Keycloak: a group under /tenants that tenants-config does not declare
 * but that holds a member survives a reload, is named in a WARN line and in the report platform admins read.
 */
@RealKeycloakTest
@ExtendWith(OutputCaptureExtension.class)
class GroupSyncReportIT {

    private static final String ORPHAN = "/tenants/acme/orphaned";

    @Autowired
    Api api;

    @Test
    void aGroupHoldingAMemberIsKeptAtAReloadLoggedAndReportedToPlatformAdmins(CapturedOutput output) {
        RestClient admin = RealKeycloak.adminClient();
        String acme = groupId(admin, "/tenants/acme");
        admin.post().uri("/groups/{id}/children", acme).contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("name", "orphaned")).retrieve().toBodilessEntity();
        RealKeycloak.addToGroup("dave", ORPHAN);
        try {
            Api.As platformAdmin = api.withToken(RealKeycloak.token("admin"));
            assertThat(platformAdmin.post("/api/admin/tenants-config/reload").status()).isEqualTo(200);

            Awaitility.await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                JsonNode report = platformAdmin.get("/api/admin/keycloak/group-sync").body();
                assertThat(report.path("lastRun").path("keptWithMembers").path(ORPHAN).asInt()).isEqualTo(1);
            });
            JsonNode report = platformAdmin.get("/api/admin/keycloak/group-sync").body();
            assertThat(report.path("enabled").asBoolean()).isTrue();
            assertThat(report.path("deleteGroupsWithMembers").asBoolean()).isFalse();
            assertThat(report.path("lastRun").path("outcome").asText()).isEqualTo("synced");
            assertThat(report.path("lastRun").path("at").asText()).isNotBlank();
            assertThat(output.getAll()).contains("were kept because they hold members")
                    .contains(ORPHAN + " (1 members)");
            assertThat(groupId(admin, ORPHAN)).as("still in Keycloak").isNotBlank();
            assertThat(api.withToken(RealKeycloak.token("olga")).get("/api/admin/keycloak/group-sync").status())
                    .as("platform admins only").isEqualTo(403);
        } finally {
            admin.delete().uri("/groups/{id}", groupId(admin, ORPHAN)).retrieve().toBodilessEntity();
        }
    }

    private static String groupId(RestClient admin, String path) {
        return admin.get().uri(builder -> builder.path("/group-by-path" + path).build()).retrieve()
                .body(JsonNode.class).path("id").asText();
    }
}

package io.stackgate.identity.keycloak;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;
import io.stackgate.identity.Directory;
import io.stackgate.support.RealKeycloak;
import io.stackgate.support.TestDatabases;
import io.stackgate.support.TestProfiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;

/** The application trusting the real Keycloak: its tokens open the API, and its groups are synced at start. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "stackgate.tenants.config-dir=" + RealKeycloak.TENANTS_CONFIG)
@ActiveProfiles(resolver = TestProfiles.class)
@Import(TestDatabases.class)
@ExtendWith(RealKeycloak.class)
class KeycloakLoginIT {

    @DynamicPropertySource
    static void keycloak(DynamicPropertyRegistry registry) {
        RealKeycloak.register(registry);
    }

    @LocalServerPort
    int port;

    @Autowired
    Directory directory;

    @Test
    void aRealTokenOfAliceOpensTheApiOnHerTenantOnly() {
        JsonNode tenants = RestClient.create("http://127.0.0.1:" + port).get().uri("/api/tenants")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + RealKeycloak.token("alice"))
                .retrieve().body(JsonNode.class);

        assertThat(tenants.findValuesAsText("id")).contains("acme").doesNotContain("globex");
    }

    @Test
    void withoutATokenTheApiAnswers401() {
        int status = RestClient.create("http://127.0.0.1:" + port).get().uri("/api/tenants")
                .exchange((request, response) -> response.getStatusCode().value());

        assertThat(status).isEqualTo(401);
    }

    @Test
    void theDirectoryIsTheRealKeycloakAndHoldsTheTenantGroups() {
        assertThat(directory).isInstanceOf(KeycloakDirectory.class);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(directory.groupPaths())
                .contains("/tenants/acme/engineering/platform/managers", "/tenants/globex/operations/managers"));
    }
}

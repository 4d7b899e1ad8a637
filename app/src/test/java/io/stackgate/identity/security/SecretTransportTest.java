package io.stackgate.identity.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.NestedExceptionUtils;

/** With an external issuer, the start fails before the backend's secret could go over plain HTTP or to a default address. */
class SecretTransportTest {

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withUserConfiguration(SecretTransport.class)
            .withPropertyValues("stackgate.keycloak.backend-client-secret=s3cret");

    @Test
    void aSecretWithTheBaseUrlLeftAtItsDefaultFailsTheStart() {
        context.withPropertyValues("stackgate.security.issuer-uri=https://kc.example/realms/stackgate").run(started -> {
            assertThat(started).hasFailed();
            assertThat(NestedExceptionUtils.getMostSpecificCause(started.getStartupFailure()))
                    .hasMessageContaining("STACKGATE_KEYCLOAK_CLIENT_SECRET")
                    .hasMessageContaining("stackgate.keycloak.base-url (STACKGATE_KEYCLOAK_BASE_URL) is left at its default");
        });
    }

    @Test
    void aSecretForABaseUrlOverPlainHttpToAnotherMachineFailsTheStart() {
        context.withPropertyValues("stackgate.security.issuer-uri=https://kc.example/realms/stackgate",
                "stackgate.keycloak.base-url=http://kc.example").run(started -> {
            assertThat(started).hasFailed();
            assertThat(NestedExceptionUtils.getMostSpecificCause(started.getStartupFailure()))
                    .hasMessageContaining("http://kc.example is plain HTTP to another machine; use https://");
        });
    }

    @Test
    void aPlainHttpIssuerOnAnotherMachineFailsTheStartWhileTheCockpitLoginIsOn() {
        context.withPropertyValues("stackgate.security.issuer-uri=http://kc.example/realms/stackgate",
                "stackgate.keycloak.base-url=https://kc.example").run(started -> {
            assertThat(started).hasFailed();
            assertThat(NestedExceptionUtils.getMostSpecificCause(started.getStartupFailure()))
                    .hasMessageContaining("the issuer http://kc.example/realms/stackgate (STACKGATE_ISSUER_URI) is plain "
                            + "HTTP to another machine and the Cockpit login sends the secret to its token endpoint");
        });
        context.withPropertyValues("stackgate.security.issuer-uri=http://kc.example/realms/stackgate",
                "stackgate.keycloak.base-url=https://kc.example", "camunda.bpm.webapp.enabled=false")
                .run(started -> assertThat(started).as("no Cockpit, no login").hasNotFailed());
    }

    @Test
    void httpsAndLoopbackHttpStart() {
        context.withPropertyValues("stackgate.security.issuer-uri=https://kc.example/realms/stackgate",
                "stackgate.keycloak.base-url=https://kc.example").run(started -> assertThat(started).hasNotFailed());
        context.withPropertyValues("stackgate.security.issuer-uri=http://127.0.0.1:41234/realms/stackgate",
                "stackgate.keycloak.base-url=http://127.0.0.1:41234").run(started -> assertThat(started).hasNotFailed());
        context.withPropertyValues("stackgate.security.issuer-uri=http://localhost:8443/realms/stackgate",
                "stackgate.keycloak.base-url=http://[::1]:8443").run(started -> assertThat(started).hasNotFailed());
    }

    @Test
    void withoutAnExternalIssuerOrASecretNothingIsChecked() {
        new ApplicationContextRunner().withUserConfiguration(SecretTransport.class)
                .withPropertyValues("stackgate.keycloak.backend-client-secret=s3cret")
                .run(started -> assertThat(started).as("the dev Keycloak").hasNotFailed());
        new ApplicationContextRunner().withUserConfiguration(SecretTransport.class)
                .withPropertyValues("stackgate.security.issuer-uri=http://kc.example/realms/stackgate")
                .run(started -> assertThat(started).as("no secret to send").hasNotFailed());
    }
}

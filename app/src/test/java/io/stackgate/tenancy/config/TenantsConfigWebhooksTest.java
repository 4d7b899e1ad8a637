package io.stackgate.tenancy.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import io.stackgate.tenancy.Webhook;
import io.stackgate.tenancy.config.TenantsConfigLoader.Result;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A tenant's webhooks ({@code notifications.webhooks}) read from its YAML: name, URL, format, kinds and the name of
 * the environment variable with the signing secret — never a secret itself, nor an unknown format.
 */
class TenantsConfigWebhooksTest {

    private static final String HOOKS = "\nnotifications:\n  webhooks:\n"
            + "    - {name: feed, url: \"https://hooks.example/x\", format: generic}\n"
            + "    - {name: ding, url: \"https://oapi.dingtalk.com/robot/send?access_token=t\", format: dingtalk,\n"
            + "       secretEnv: ACME_DINGTALK_SECRET, kinds: [REQUEST_APPROVED]}\n";

    @TempDir
    Path folder;

    @Test
    void theWebhooksAreReadWithTheirKindsAndTheNameOfTheirSecret() throws IOException {
        Result result = load("acme", TenantsConfigLoaderTest.demo("acme") + HOOKS);

        assertThat(result.errors()).isEmpty();
        assertThat(result.tenants().get(0).webhooks()).containsExactly(
                new Webhook("feed", "https://hooks.example/x", "generic", List.of(), null),
                new Webhook("ding", "https://oapi.dingtalk.com/robot/send?access_token=t", "dingtalk",
                        List.of("REQUEST_APPROVED"), "ACME_DINGTALK_SECRET"));
        assertThat(result.tenants().get(0).webhooks().get(0).receives("LEASE_EXPIRED")).isTrue();
        assertThat(result.tenants().get(0).webhooks().get(1).receives("LEASE_EXPIRED")).isFalse();
    }

    @Test
    void aTenantWithoutTheSectionHasNoWebhooks() throws IOException {
        assertThat(load("globex", TenantsConfigLoaderTest.demo("globex")).tenants().get(0).webhooks()).isEmpty();
    }

    @Test
    void aSecretWrittenInTheYamlOrAnUnknownFormatIsRefusedByField() throws IOException {
        Result secret = load("acme", TenantsConfigLoaderTest.demo("acme") + HOOKS.replace("secretEnv: ACME_DINGTALK_SECRET",
                "secret: SECabc"));
        Result format = load("acme", TenantsConfigLoaderTest.demo("acme") + HOOKS.replace("format: generic", "format: slack"));

        assertThat(secret.tenants()).isEmpty();
        assertThat(secret.errors()).extracting(ConfigError::field).contains("notifications.webhooks[1].secret");
        assertThat(format.errors()).extracting(ConfigError::field).contains("notifications.webhooks[0].format");
    }

    private Result load(String tenant, String yaml) throws IOException {
        Files.writeString(folder.resolve(tenant + ".yaml"), yaml);
        return new TenantsConfigLoader(TenantsConfigLoaderTest.properties(folder.toString())).load();
    }
}

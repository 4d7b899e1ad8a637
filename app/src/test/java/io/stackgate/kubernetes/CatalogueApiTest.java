package io.stackgate.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import io.stackgate.support.Api;
import io.stackgate.support.StackgateTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/**
 * GET /api/catalogue: what the request forms offer — the configured images per arch, the fleet's GPUs per arch, size
 * presets within the specs' limits and the configured clusters — for any signed-in user, nobody else.
 */
@StackgateTest
@TestPropertySource(properties = {"stackgate.kubernetes.clusters[0].name=demo",
    "stackgate.kubernetes.clusters[0].kubeconfig=demo",
    "stackgate.kubernetes.clusters[0].demo-kubeconfig-file=" + DemoClusterApiTest.KUBECONFIG})
class CatalogueApiTest {

    @Autowired
    Api api;

    @Test
    void anySignedInUserReadsTheImagesGpusSizesAndClusters() {
        Api.Response answer = api.as("alice").get("/api/catalogue");

        assertThat(answer.status()).isEqualTo(200);
        JsonNode body = answer.body();
        assertThat(offers(body.path("images"), "arch", "name")).contains("x86_64 debian-12", "aarch64 debian-12",
                "x86_64 test-guest", "aarch64 ubuntu-24.04");
        JsonNode debian = first(body.path("images"), "name", "debian-12");
        assertThat(debian.path("kind").asText()).isEqualTo("disk");
        assertThat(debian.path("description").asText()).isNotBlank();

        // the test fleet: one x86_64 host with two GPUs, none for aarch64
        JsonNode x86 = first(body.path("gpus"), "arch", "x86_64");
        assertThat(x86.path("hosts").asInt()).isEqualTo(1);
        assertThat(x86.path("total").asInt()).isEqualTo(2);
        assertThat(x86.path("maxPerHost").asInt()).isEqualTo(2);
        assertThat(first(body.path("gpus"), "arch", "aarch64").path("total").asInt()).isZero();

        assertThat(offers(body.path("sizes"), "id")).startsWith("small", "medium", "large", "xlarge");
        for (JsonNode size : body.path("sizes")) {
            // within VmSpec's and NodePoolSpec's limits both
            assertThat(size.path("vcpus").asInt()).isBetween(1, 128);
            assertThat(size.path("memoryMiB").asLong()).isBetween(1024L, 1048576L);
            assertThat(size.path("diskGiB").asLong()).isBetween(10L, 65536L);
        }

        JsonNode demo = first(body.path("clusters"), "name", "demo");
        assertThat(demo.path("demo").asBoolean()).isTrue();
        assertThat(offers(demo.path("arches"))).containsExactly("x86_64", "aarch64");
        assertThat(demo.path("nodeImage").asText()).isEqualTo("debian-12");
    }

    @Test
    void everyKindOfSignedInCallerMayReadItButNotAnonymously() {
        for (String user : List.of("dave", "maya", "olga")) {
            assertThat(api.as(user).get("/api/catalogue").status()).as(user).isEqualTo(200);
        }
        assertThat(api.anonymous().get("/api/catalogue").status()).isEqualTo(401);
    }

    private static List<String> offers(JsonNode array, String... fields) {
        List<String> all = new ArrayList<>();
        for (JsonNode item : array) {
            List<String> parts = new ArrayList<>();
            if (fields.length == 0) {
                parts.add(item.asText());
            }
            for (String field : fields) {
                parts.add(item.path(field).asText());
            }
            all.add(String.join(" ", parts));
        }
        return all;
    }

    private static JsonNode first(JsonNode array, String field, String value) {
        for (JsonNode item : array) {
            if (item.path(field).asText().equals(value)) {
                return item;
            }
        }
        throw new AssertionError("no " + field + "=" + value + " in " + array);
    }
}

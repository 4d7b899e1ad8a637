package io.stackgate.compute.hosts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.stackgate.support.Api;
import io.stackgate.support.StackgateTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** GET /api/hosts/fit on the demo fleet of application.yml (libvirt's test driver). */
@StackgateTest
class FleetFitApiTest {

    @Autowired
    Api api;

    @Test
    void anApproverSeesWhichHostsOfTheArchHaveRoomAndNothingElse() {
        Api.Response response = api.as("erin").get("/api/hosts/fit?arch=x86_64&vcpus=2&memoryMiB=4096&gpus=1");

        assertThat(response.status()).as(response.body().toString()).isEqualTo(200);
        assertThat(response.body().findValuesAsText("host")).containsExactly("demo-x86-1", "demo-gpu-1");
        JsonNode plain = response.body().get(0);
        assertThat(plain.path("fits").asBoolean()).isFalse();
        assertThat(plain.path("shortages").toString()).contains("gpu");
        assertThat(plain.path("freeGpus").asInt()).isZero();
        JsonNode gpu = response.body().get(1);
        // where libvirt's library is missing the test-driver hosts are down: room, but no fit
        if (gpu.path("up").asBoolean()) {
            assertThat(gpu.path("fits").asBoolean()).isTrue();
            assertThat(gpu.path("shortages")).isEmpty();
        } else {
            assertThat(gpu.path("fits").asBoolean()).isFalse();
            assertThat(gpu.path("shortages").toString()).isEqualTo("[\"host_down\"]");
        }
        assertThat(gpu.path("freeGpus").asInt()).isPositive();
        assertThat(gpu.path("freeVcpus").asLong()).isPositive();
        assertThat(gpu.path("freeMemoryMiB").asLong()).isPositive();
        assertThat(response.body().toString()).doesNotContain("uri", "labels", "test:///", "acme", "globex");
    }

    @Test
    void aVmLargerThanEveryHostFitsNowhere() {
        Api.Response response = api.as("olga").get("/api/hosts/fit?arch=aarch64&vcpus=100000&memoryMiB=4096");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body().findValuesAsText("host")).containsExactly("demo-arm-1");
        assertThat(response.body().get(0).path("fits").asBoolean()).isFalse();
        assertThat(response.body().get(0).path("shortages").toString()).contains("cpu");
    }

    @Test
    void requestersAndAuditorsAreRefusedAndNonsenseIsInvalid() {
        assertThat(api.as("alice").get("/api/hosts/fit?arch=x86_64&vcpus=2&memoryMiB=4096").status()).isEqualTo(403);
        assertThat(api.as("maya").get("/api/hosts/fit?arch=x86_64&vcpus=2&memoryMiB=4096").status()).isEqualTo(403);
        assertThat(api.as("bob").get("/api/hosts/fit?arch=x86_64&vcpus=0&memoryMiB=4096").status()).isEqualTo(400);
        assertThat(api.as("bob").get("/api/hosts/fit?arch=sparc&vcpus=2&memoryMiB=4096").status()).isEqualTo(400);
    }
}

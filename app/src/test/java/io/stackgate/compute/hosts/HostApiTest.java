package io.stackgate.compute.hosts;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import io.stackgate.compute.Arch;
import io.stackgate.compute.placement.Placement;
import io.stackgate.compute.placement.PlacementResult.Placed;
import io.stackgate.compute.placement.VmDemand;
import io.stackgate.support.Api;
import io.stackgate.support.StackgateTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** GET /api/hosts over HTTP on the demo fleet of application.yml (libvirt's test driver). */
@StackgateTest
class HostApiTest {

    @Autowired
    Api api;
    @Autowired
    Placement placement;

    @Test
    void operatorsSeeEveryHostWithStateCapacityAllocationAndFreeGpus() {
        String request = UUID.randomUUID().toString();
        Placed placed = (Placed) placement.reserve(new VmDemand(request, 0, Arch.x86_64, 4, 8192, 50, 1));
        try {
            Api.Response response = api.as("olga").get("/api/hosts");

            assertThat(response.status()).isEqualTo(200);
            assertThat(response.body().findValuesAsText("name")).containsExactly("demo-x86-1", "demo-arm-1", "demo-gpu-1");
            assertThat(response.body().findValuesAsText("arch")).containsExactly("x86_64", "aarch64", "x86_64");
            assertThat(response.body().findValuesAsText("state")).containsOnly("up");
            JsonNode gpu = response.body().get(2);
            assertThat(placed.host()).isEqualTo("demo-gpu-1");
            assertThat(gpu.at("/uri").asText()).startsWith("test:///").endsWith("/demo-gpu-1.xml");
            assertThat(gpu.at("/capacity/vcpus").asInt()).isEqualTo(48);
            assertThat(gpu.at("/allocated/vcpus").asInt()).isGreaterThanOrEqualTo(4);
            assertThat(gpu.at("/free/vcpus").asInt()).isEqualTo(96 - gpu.at("/allocated/vcpus").asInt());
            assertThat(gpu.at("/gpus/total").asInt()).isEqualTo(2);
            assertThat(gpu.at("/gpus/free").toString()).doesNotContain(placed.gpus().get(0));
            assertThat(gpu.at("/labels/class").asText()).isEqualTo("gpu");
        } finally {
            placement.release(request);
        }
    }

    @Test
    void theHealthEndpointShowsEachHostToOperatorsAndOnlyTheOverallStatusToOthers() {
        JsonNode operator = api.as("olga").get("/actuator/health").body();
        JsonNode anonymous = api.anonymous().get("/actuator/health").body();
        JsonNode member = api.as("alice").get("/actuator/health").body();

        assertThat(operator.at("/components/hosts/status").asText()).isEqualTo("UP");
        assertThat(operator.at("/components/hosts/details/down").asInt()).isZero();
        assertThat(operator.at("/components/hosts/details/hosts/demo-arm-1/state").asText()).isEqualTo("UP");
        assertThat(operator.at("/components/hosts/details/hosts/demo-arm-1/arch").asText()).isEqualTo("aarch64");
        for (JsonNode other : List.of(anonymous, member)) {
            assertThat(other.at("/status").asText()).isEqualTo("UP");
            assertThat(other.at("/components").isMissingNode()).as("which parts make the platform up is for operators")
                    .isTrue();
        }
    }

    @Test
    void platformAdminsSeeTheHostsToo() {
        assertThat(api.as("admin").get("/api/hosts").status()).isEqualTo(200);
    }

    @Test
    void tenantMembersApproversAndAuditorsAreRefused() {
        Api.Response alice = api.as("alice").get("/api/hosts");

        assertThat(alice.status()).isEqualTo(403);
        assertThat(alice.text("title")).isNotBlank();
        assertThat(api.as("carol").get("/api/hosts").status()).isEqualTo(403);
        assertThat(api.as("maya").get("/api/hosts").status()).isEqualTo(403);
    }

    @Test
    void hostUrisAreShownWithoutCredentials() {
        assertThat(HostController.withoutCredentials("qemu+ssh://root:secret@kvm1.example:2222/system?keyfile=/k"))
                .isEqualTo("qemu+ssh://kvm1.example:2222/system");
        assertThat(HostController.withoutCredentials("qemu+tls://ops@kvm2/system")).isEqualTo("qemu+tls://kvm2/system");
        assertThat(HostController.withoutCredentials("test:///srv/h1.xml")).isEqualTo("test:///srv/h1.xml");
    }
}

package io.stackgate.compute;

import static io.stackgate.support.Requests.approvedAndRun;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import io.stackgate.compute.vms.VmInstances;
import io.stackgate.support.Api;
import io.stackgate.support.Jobs;
import io.stackgate.support.Requests;
import io.stackgate.support.StackgateTest;
import io.stackgate.tenancy.Quota;
import io.stackgate.tenancy.QuotaService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * vm-resize requests on the demo fleet: approved like a VM, the VM is redefined with the new size on its host, the
 * quota holds the growth until the VM is decommissioned; a host without room fails the resize and changes nothing.
 */
@StackgateTest
class ResizeApiTest {

    @Autowired
    Api api;
    @Autowired
    Jobs jobs;
    @Autowired
    VmInstances vms;
    @Autowired
    Hypervisor hypervisor;
    @Autowired
    QuotaService quotas;

    @Test
    void anApprovedResizeRedefinesTheVmWithItsNewSizeAndTheQuotaHoldsTheGrowthUntilDecommission() {
        Quota before = used();
        String id = approvedAndRun(api, jobs, "vm", vm("x86_64", 2, 4096));
        VmInstance vm = vms.ofRequest(id).get(0);

        String resize = approvedAndRun(api, jobs, "vm-resize", Map.of("requestId", id, "vcpus", 4, "memoryMiB", 8192));

        assertThat(status(resize)).isEqualTo("COMPLETED");
        VmInstance resized = vms.ofRequest(id).get(0);
        assertThat(resized.vcpus()).isEqualTo(4);
        assertThat(resized.memoryMiB()).isEqualTo(8192);
        assertThat(resized.state()).isEqualTo(VmState.RUNNING);
        String xml = hypervisor.domainXml(vm.host(), vm.domainName()).orElseThrow();
        assertThat(xml).containsPattern("<vcpu[^>]*>4</vcpu>").contains("<memory unit='KiB'>8388608</memory>");
        assertThat(hypervisor.lookup(vm.host(), vm.domainName()).orElseThrow().running()).isTrue();
        assertThat(used().vcpus() - before.vcpus()).isEqualTo(4);
        assertThat(used().memoryMiB() - before.memoryMiB()).isEqualTo(8192);

        approvedAndRun(api, jobs, "decommission", Map.of("requestId", id));
        assertThat(used().vcpus()).as("the VM's and the resize's quota are free again").isEqualTo(before.vcpus());
        assertThat(used().memoryMiB()).isEqualTo(before.memoryMiB());
    }

    @Test
    void aResizeTheHostHasNoRoomForFailsWithTheReasonAndLeavesTheVmAsItWas() {
        Quota before = used();
        String id = approvedAndRun(api, jobs, "vm", vm("aarch64", 2, 4096));
        VmInstance vm = vms.ofRequest(id).get(0);

        String resize = approvedAndRun(api, jobs, "vm-resize", Map.of("requestId", id, "vcpus", 2, "memoryMiB", 1048576));

        assertThat(status(resize)).isEqualTo("FAILED");
        assertThat(api.as("alice").get("/api/requests/" + resize).text("outcome")).contains("no room");
        VmInstance same = vms.ofRequest(id).get(0);
        assertThat(same.memoryMiB()).isEqualTo(4096);
        assertThat(same.state()).isEqualTo(VmState.RUNNING);
        assertThat(hypervisor.domainXml(vm.host(), vm.domainName()).orElseThrow()).contains("<memory unit='KiB'>4194304</memory>");
        assertThat(hypervisor.lookup(vm.host(), vm.domainName()).orElseThrow().running()).isTrue();
        assertThat(used().memoryMiB() - before.memoryMiB()).as("only the VM's own quota").isEqualTo(4096);
    }

    private Quota used() {
        return quotas.usage("acme", "web").used();
    }

    private static Map<String, Object> vm(String arch, int vcpus, long memoryMiB) {
        return Api.map("name", Requests.uniqueName("sized"), "arch", arch, "vcpus", vcpus, "memoryMiB", memoryMiB,
                "diskGiB", 10, "image", "debian-12");
    }


    private String status(String id) {
        return api.as("alice").get("/api/requests/" + id).text("status");
    }
}

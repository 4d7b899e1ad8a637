package io.stackgate.compute;

import static io.stackgate.support.Requests.approvedAndRun;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import io.stackgate.compute.placement.Placement;
import io.stackgate.compute.vms.VmInstances;
import io.stackgate.support.Api;
import io.stackgate.support.Jobs;
import io.stackgate.support.Requests;
import io.stackgate.support.StackgateTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;

/**
 * Leases on the demo fleet: the owner is asked to renew before the end, the VM is powered off at the end, a renewal
 * (a request, approved like any other) brings it back, and without one the grace period ends in decommissioning.
 * The lease check is driven with the instant it should believe is now.
 */
@StackgateTest
@RecordApplicationEvents
class LeaseApiTest {

    @Autowired
    Api api;
    @Autowired
    Jobs jobs;
    @Autowired
    LeaseKeeper leases;
    @Autowired
    VmInstances vms;
    @Autowired
    Hypervisor hypervisor;
    @Autowired
    Placement placement;
    @Autowired
    ApplicationEvents events;

    @Test
    void theOwnerIsAskedOnceToRenewThenTheVmStopsAtTheEndAndARenewalBringsItBack() {
        String id = approvedAndRun(api, jobs, "vm", leasedVm(10));
        VmInstance vm = vms.ofRequest(id).get(0);
        Instant expires = vm.leaseExpiresAt();
        assertThat(Duration.between(Instant.now(), expires)).isBetween(Duration.ofDays(10).minusMinutes(5), Duration.ofDays(10));

        leases.check(expires.minus(Duration.ofDays(8)));
        assertThat(renewalsAskedFor(id)).isZero();
        leases.check(expires.minus(Duration.ofDays(3)));
        leases.check(expires.minus(Duration.ofDays(2)));
        assertThat(renewalsAskedFor(id)).isEqualTo(1);

        leases.check(expires.plus(Duration.ofMinutes(1)));
        VmInstance stopped = vms.ofRequest(id).get(0);
        assertThat(stopped.state()).isEqualTo(VmState.STOPPED);
        assertThat(stopped.stateReason()).contains("lease expired");
        assertThat(hypervisor.lookup(vm.host(), vm.domainName()).orElseThrow().running()).isFalse();

        String renewal = approvedAndRun(api, jobs, "lease-renewal", Map.of("requestId", id, "days", 30));

        assertThat(status(renewal)).isEqualTo("COMPLETED");
        VmInstance renewed = vms.ofRequest(id).get(0);
        assertThat(renewed.state()).isEqualTo(VmState.RUNNING);
        assertThat(renewed.leaseExpiresAt()).isEqualTo(expires.plus(Duration.ofDays(30)));
        assertThat(hypervisor.lookup(vm.host(), vm.domainName()).orElseThrow().running()).isTrue();
    }

    @Test
    void withoutARenewalTheGracePeriodEndsInDecommissioningAndFreesTheCapacity() {
        String id = approvedAndRun(api, jobs, "vm", leasedVm(1));
        VmInstance vm = vms.ofRequest(id).get(0);
        Instant expires = vm.leaseExpiresAt();

        leases.check(expires.plus(Duration.ofMinutes(1)));
        leases.check(expires.plus(Duration.ofDays(6)));
        assertThat(vms.ofRequest(id).get(0).state()).as("still in its grace period").isEqualTo(VmState.STOPPED);
        leases.check(expires.plus(Duration.ofDays(7)).plus(Duration.ofMinutes(1)));

        assertThat(vms.ofRequest(id).get(0).state()).isEqualTo(VmState.DECOMMISSIONED);
        assertThat(hypervisor.lookup(vm.host(), vm.domainName())).isEmpty();
        assertThat(placement.reserved(id, 0)).isEmpty();
    }

    @Test
    void aVmWhoseLeaseEndedCannotBeStartedByItsOwnerUntilItIsRenewed() {
        String id = approvedAndRun(api, jobs, "vm", leasedVm(3));
        VmInstance vm = vms.ofRequest(id).get(0);
        leases.check(vm.leaseExpiresAt().plus(Duration.ofMinutes(1)));
        String start = "/api/resources/" + vm.domainName() + "/actions/start";

        Api.Response refused = api.as("alice").post(start);

        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.text("detail")).contains("lease of VM " + vm.domainName() + " ended", "lease-renewal", id);
        assertThat(api.as("carol").post(start).status()).as("nor by a tenant admin").isEqualTo(409);
        assertThat(vms.ofRequest(id).get(0).state()).isEqualTo(VmState.STOPPED);
        assertThat(hypervisor.lookup(vm.host(), vm.domainName()).orElseThrow().running()).isFalse();

        approvedAndRun(api, jobs, "lease-renewal", Map.of("requestId", id, "days", 5));

        assertThat(vms.ofRequest(id).get(0).state()).isEqualTo(VmState.RUNNING);
        assertThat(api.as("alice").post("/api/resources/" + vm.domainName() + "/actions/stop").status()).isEqualTo(200);
        assertThat(api.as("alice").post(start).status()).as("renewed: hers to start again").isEqualTo(200);
    }

    @Test
    void onlyACompletedVmRequestOfTheSameProjectCanBeRenewed() {
        Api.Response response = api.as("alice").post("/api/requests", Requests.submission("acme", "web", "lease-renewal",
                Map.of("requestId", "no-such-request", "days", 30)));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body().path("errors").toString()).contains("spec.requestId");
    }

    private long renewalsAskedFor(String requestId) {
        return events.stream(LeaseKeeper.LeaseRenewalDue.class).filter(due -> due.requestId().equals(requestId)).count();
    }

    private static Map<String, Object> leasedVm(int days) {
        return Api.map("name", Requests.uniqueName("leased"), "arch", "x86_64", "vcpus", 1, "memoryMiB", 512,
                "diskGiB", 5, "image", "debian-12", "leaseDays", days);
    }


    private String status(String id) {
        return api.as("alice").get("/api/requests/" + id).text("status");
    }

}

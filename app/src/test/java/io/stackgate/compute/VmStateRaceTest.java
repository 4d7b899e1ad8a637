package io.stackgate.compute;

import static io.stackgate.support.Requests.submit;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.stackgate.compute.Hypervisor.DomainState;
import io.stackgate.compute.placement.Placement;
import io.stackgate.compute.provisioning.VmProvisioning;
import io.stackgate.compute.vms.VmInstances;
import io.stackgate.support.Api;
import io.stackgate.support.Jobs;
import io.stackgate.support.Requests;
import io.stackgate.support.StackgateTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * VM state changes are compare-and-set: an owner's start that races the VM's decommission either lands before it (and
 * the decommission then powers the domain off) or is refused (409) — round after round, on libvirt's test driver, with
 * the host answering at once or slowly at the moments that matter (a start that takes long to return, to begin; an
 * undefine that takes long to begin).
 */
@StackgateTest
class VmStateRaceTest {

    static final int ROUNDS = 32;
    static final Duration SLOW = Duration.ofMillis(200);

    /** How the host answers in a round: at once, or one call slow before or after the real work. */
    record Timing(String operation, boolean afterRealCall) {
    }

    static final List<Timing> TIMINGS = List.of(new Timing(null, false), new Timing("start", false),
            new Timing("start", true), new Timing("undefine", false));

    @Autowired
    Api api;
    @Autowired
    Jobs jobs;
    @Autowired
    VmProvisioning provisioning;
    @Autowired
    VmRemoval removal;
    @Autowired
    VmInstances vms;
    @Autowired
    Placement placement;
    @Autowired
    FailingHypervisor hypervisor;

    @AfterEach
    void heal() {
        hypervisor.heal();
    }

    @Test
    void anOwnersStartRacingTheDecommissionNeverLeavesALiveVmWithoutCapacityNorARunningDomainForAGoneOne() throws Exception {
        String id = runningVms(ROUNDS);
        List<String> problems = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int index = 0; index < ROUNDS; index++) {
                VmInstance vm = vms.find(id, index).orElseThrow();
                String actions = "/api/resources/" + vm.domainName() + "/actions/";
                assertThat(api.as("alice").post(actions + "power-off").status()).isEqualTo(200);
                int round = index;
                Timing timing = TIMINGS.get(round % TIMINGS.size());
                if (timing.operation() != null) {
                    hypervisor.slowDown(timing.operation(), timing.afterRealCall(), SLOW);
                }
                CountDownLatch go = new CountDownLatch(1);
                Future<Integer> start = pool.submit(() -> {
                    go.await();
                    return api.as("alice").post(actions + "start").status();
                });
                Future<?> decommission = pool.submit(() -> {
                    go.await();
                    removal.decommission(id, round, "race-" + round);
                    return null;
                });
                go.countDown();
                int answered = start.get();
                decommission.get();
                hypervisor.heal();

                VmInstance after = vms.find(id, index).orElseThrow();
                boolean reserved = placement.reserved(id, index).isPresent();
                Optional<DomainState> domain = hypervisor.lookup(vm.host(), vm.domainName());
                if (answered != 200 && answered != 409) {
                    problems.add("round " + round + " (" + timing + "): the start answered " + answered);
                }
                if ((after.state() == VmState.RUNNING || after.state() == VmState.STOPPED) && !reserved) {
                    problems.add("round " + round + " (" + timing + "): " + after.state() + " with its capacity released");
                }
                if (after.state() != VmState.DECOMMISSIONED) {
                    problems.add("round " + round + " (" + timing + "): " + after.state() + " after its decommission");
                }
                if (domain.map(DomainState::running).orElse(false)) {
                    problems.add("round " + round + " (" + timing + "): the domain of " + after.state() + " VM "
                            + vm.domainName() + " runs");
                }
                domain.ifPresent(left -> {
                    hypervisor.destroy(vm.host(), vm.domainName());
                    hypervisor.undefine(vm.host(), vm.domainName());
                });
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(problems).isEmpty();
    }

    /** One approved VM request of alice's, with {@code count} running VMs made by its provisioning steps. */
    private String runningVms(int count) {
        Map<String, Object> spec = Api.map("name", Requests.uniqueName("race"), "arch", "x86_64", "vcpus", 1,
                "memoryMiB", 256, "diskGiB", 1, "image", "debian-12");
        String id = submit(api, "alice", "acme", "web", "vm", spec).path("id").asText();
        Requests.approveAll(api, id);
        jobs.run(id);
        for (int index = 1; index < count; index++) {
            provisioning.reservePlacement(id, index, 1);
            provisioning.createVolumes(id, index);
            provisioning.ensureProjectNetwork(id, index);
            provisioning.defineDomain(id, index);
            provisioning.startDomain(id, index);
            provisioning.recordResource(id, index);
        }
        assertThat(vms.ofRequest(id)).hasSize(count).allSatisfy(vm -> assertThat(vm.state()).isEqualTo(VmState.RUNNING));
        return id;
    }
}

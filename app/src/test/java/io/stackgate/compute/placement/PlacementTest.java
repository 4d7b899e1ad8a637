package io.stackgate.compute.placement;

import static io.stackgate.compute.TestHosts.gpuVm;
import static io.stackgate.compute.TestHosts.host;
import static io.stackgate.compute.TestHosts.vm;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import io.stackgate.compute.Arch;
import io.stackgate.compute.CapacityReleased;
import io.stackgate.compute.CapacityReserved;
import io.stackgate.compute.Hypervisor;
import io.stackgate.compute.TestHosts;
import io.stackgate.compute.hosts.Fleet;
import io.stackgate.compute.placement.PlacementResult.NoCapacity;
import io.stackgate.compute.placement.PlacementResult.Placed;
import io.stackgate.compute.placement.PlacementResult.Shortage;
import io.stackgate.support.TestDatabases;
import io.stackgate.support.TestProfiles;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.jdbc.AutoConfigureTestDatabase;
import org.springframework.boot.test.autoconfigure.jdbc.JdbcTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Reservations on the test database with the Flyway migrations (H2, or MariaDB with -Dstackgate.test.db=mariadb).
 * Each test uses hosts of its own, so the tests do not see each other's reservations.
 */
@JdbcTest
@AutoConfigureTestDatabase(replace = AutoConfigureTestDatabase.Replace.NONE)
@ActiveProfiles(resolver = TestProfiles.class)
@Import({Placement.class, PlacementTest.SmallFleet.class, TestDatabases.class})
@RecordApplicationEvents
@Transactional(propagation = Propagation.NOT_SUPPORTED)
class PlacementTest {

    @Autowired
    Placement placement;
    @Autowired
    ApplicationEvents events;

    static String newRequestId() {
        return UUID.randomUUID().toString();
    }

    @Test
    void aReservationIsRecordedAndAnnouncedAndAskingAgainAnswersTheSameHost() {
        String request = newRequestId();

        PlacementResult first = placement.reserve(vm(request, 0, Arch.aarch64, 2, 2048));
        PlacementResult again = placement.reserve(vm(request, 0, Arch.aarch64, 2, 2048));

        assertThat(first).isEqualTo(new Placed(request, 0, "arm", List.of()));
        assertThat(again).isEqualTo(first);
        assertThat(events.stream(CapacityReserved.class).filter(e -> e.requestId().equals(request))).hasSize(1);
        assertThat(placement.usage().get("arm").vcpus()).isGreaterThanOrEqualTo(2);
        placement.release(request);
    }

    @Test
    void aGpuVmGetsTheGpuHostAndAGpuOfItsOwn() {
        String first = newRequestId();
        String second = newRequestId();
        String third = newRequestId();

        Placed one = (Placed) placement.reserve(gpuVm(first, 1));
        Placed two = (Placed) placement.reserve(gpuVm(second, 1));
        PlacementResult none = placement.reserve(gpuVm(third, 1));

        assertThat(one.host()).isEqualTo("gpu");
        assertThat(two.host()).isEqualTo("gpu");
        assertThat(one.gpus()).doesNotContainAnyElementsOf(two.gpus());
        assertThat(none).isInstanceOfSatisfying(NoCapacity.class,
                noFit -> assertThat(noFit.shortages()).containsExactly(Shortage.GPU));

        placement.release(first);
        assertThat(placement.reserve(gpuVm(third, 1))).isEqualTo(new Placed(third, 0, "gpu", one.gpus()));
        placement.release(second);
        placement.release(third);
    }

    @Test
    void releasingFreesTheCapacityAndIsAnnouncedOnce() {
        String request = newRequestId();
        placement.reserve(vm(request, 0, Arch.x86_64, 8, 1024));
        placement.reserve(vm(request, 1, Arch.x86_64, 8, 1024));
        long before = allocatedVcpus();

        placement.release(request);
        placement.release(request);

        assertThat(allocatedVcpus()).isEqualTo(before - 16);
        assertThat(placement.reserved(request, 0)).isEmpty();
        assertThat(events.stream(CapacityReleased.class).filter(e -> e.requestId().equals(request)))
                .containsExactly(new CapacityReleased(request, 2));
    }

    @Test
    void fiftyConcurrentReservationsNeverOvercommitAHost() throws Exception {
        // "busy": 10 physical vCPUs at 2.0 overcommit = 20 vCPU; 50 VMs of 1 vCPU compete for them
        ExecutorService pool = Executors.newFixedThreadPool(10);
        List<String> requests = IntStream.range(0, 50).mapToObj(i -> newRequestId()).toList();
        try {
            List<Callable<PlacementResult>> calls = requests.stream()
                    .<Callable<PlacementResult>>map(request -> () -> placement.reserve(
                            new VmDemand(request, 0, Arch.aarch64, 1, 256, 1, 0)))
                    .toList();
            List<PlacementResult> results = pool.invokeAll(calls).stream().map(PlacementTest::get).toList();

            long onBusy = results.stream().filter(r -> r instanceof Placed placed && placed.host().equals("busy")).count();
            long onArm = results.stream().filter(r -> r instanceof Placed placed && placed.host().equals("arm")).count();
            long refused = results.stream().filter(NoCapacity.class::isInstance).count();
            assertThat(onBusy).isEqualTo(20);
            assertThat(onArm).isEqualTo(16);
            assertThat(refused).isEqualTo(14);
            assertThat(placement.usage().get("busy").vcpus()).isEqualTo(20);
        } finally {
            pool.shutdown();
            requests.forEach(placement::release);
        }
    }

    private long allocatedVcpus() {
        return placement.usage().values().stream().mapToLong(HostUsage::vcpus).sum();
    }

    private static PlacementResult get(Future<PlacementResult> future) {
        try {
            return future.get();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @TestConfiguration
    static class SmallFleet {

        @Bean
        Clock clock() {
            return Clock.systemUTC();
        }

        @Bean
        Fleet fleet() {
            return Fleet.of(List.of(
                    host("arm", Arch.aarch64, 16, 65_536, 1.0),
                    host("busy", Arch.aarch64, 10, 65_536, 2.0),
                    host("x86-small", Arch.x86_64, 8, 16_384, 2.0),
                    host("gpu", Arch.x86_64, 16, 65_536, 1.0, "0000:3b:00.0", "0000:d8:00.0")));
        }

        @Bean
        Hypervisor hypervisor() {
            return TestHosts.upUnlessNamedDown();
        }
    }
}

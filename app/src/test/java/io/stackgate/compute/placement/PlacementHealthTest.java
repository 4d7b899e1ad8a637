package io.stackgate.compute.placement;

import static io.stackgate.compute.TestHosts.host;
import static io.stackgate.compute.TestHosts.vm;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.List;
import java.util.UUID;

import io.stackgate.compute.Arch;
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
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** A host that fails its health check takes nothing new, however much room it has. */
@JdbcTest
@AutoConfigureTestDatabase(replace = AutoConfigureTestDatabase.Replace.NONE)
@ActiveProfiles(resolver = TestProfiles.class)
@Import({Placement.class, PlacementHealthTest.FleetWithDownHosts.class, TestDatabases.class})
@Transactional(propagation = Propagation.NOT_SUPPORTED)
class PlacementHealthTest {

    @Autowired
    Placement placement;

    private static String request() {
        return UUID.randomUUID().toString();
    }

    @Test
    void aVmGoesToTheHostThatIsUpEvenWhenTheDownOneHasMoreRoom() {
        PlacementResult result = placement.reserve(vm(request(), 0, Arch.x86_64, 2, 2048));
        assertThat(result).isInstanceOfSatisfying(Placed.class, placed -> assertThat(placed.host()).isEqualTo("hx-up"));
    }

    @Test
    void whatFitsOnlyOnADownHostDoesNotFit() {
        PlacementResult result = placement.reserve(vm(request(), 0, Arch.x86_64, 32, 2048));
        assertThat(result).isInstanceOfSatisfying(NoCapacity.class,
                none -> assertThat(none.shortages()).contains(Shortage.CPU));
    }

    @Test
    void whenEveryHostOfTheArchIsDownTheAnswerSaysSo() {
        PlacementResult result = placement.reserve(vm(request(), 0, Arch.aarch64, 1, 1024));
        assertThat(result).isInstanceOfSatisfying(NoCapacity.class, none -> {
            assertThat(none.shortages()).containsExactly(Shortage.HOST_DOWN);
            assertThat(none.reason()).contains("down-arm");
        });
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class FleetWithDownHosts {

        @Bean
        Clock clock() {
            return Clock.systemUTC();
        }

        @Bean
        Fleet fleet() {
            return Fleet.of(List.of(
                    host("hx-up", Arch.x86_64, 4, 16_384, 1.0),
                    host("down-x86", Arch.x86_64, 64, 262_144, 1.0),
                    host("down-arm", Arch.aarch64, 64, 262_144, 1.0)));
        }

        @Bean
        Hypervisor hypervisor() {
            return TestHosts.upUnlessNamedDown();
        }
    }
}

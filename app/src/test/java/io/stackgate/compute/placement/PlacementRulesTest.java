package io.stackgate.compute.placement;

import static io.stackgate.compute.TestHosts.gpuVm;
import static io.stackgate.compute.TestHosts.host;
import static io.stackgate.compute.TestHosts.vm;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.stackgate.compute.Arch;
import io.stackgate.compute.ComputeProperties.Host;
import io.stackgate.compute.placement.PlacementResult.NoCapacity;
import io.stackgate.compute.placement.PlacementResult.Shortage;
import org.junit.jupiter.api.Test;

class PlacementRulesTest {

    static final Host X86 = host("x86", Arch.x86_64, 8, 16_384, 1.0);
    static final Host ARM = host("arm", Arch.aarch64, 8, 16_384, 1.0);
    static final Host GPU = host("gpu", Arch.x86_64, 8, 16_384, 1.0, "0000:3b:00.0", "0000:d8:00.0");
    static final List<Host> FLEET = List.of(X86, ARM, GPU);

    private static Optional<String> place(List<Host> hosts, Map<String, HostUsage> usage, Set<String> ofRequest,
            VmDemand demand) {
        return PlacementRules.choose(hosts, usage, ofRequest, demand).map(choice -> choice.host().name());
    }

    @Test
    void aVmLandsOnAHostOfItsArchitecture() {
        assertThat(place(FLEET, Map.of(), Set.of(), vm("r", 0, Arch.aarch64, 2, 2048))).contains("arm");
        assertThat(place(FLEET, Map.of(), Set.of(), vm("r", 0, Arch.x86_64, 2, 2048))).contains("x86");
    }

    @Test
    void aGpuVmLandsOnTheGpuHostWithFreeGpusAssigned() {
        PlacementRules.Choice choice = PlacementRules.choose(FLEET, Map.of(), Set.of(), gpuVm("r", 1)).orElseThrow();

        assertThat(choice.host().name()).isEqualTo("gpu");
        assertThat(choice.gpus()).containsExactly("0000:3b:00.0");

        Map<String, HostUsage> oneInUse = Map.of("gpu", new HostUsage(4, 8192, 50, Set.of("0000:3b:00.0")));
        assertThat(PlacementRules.choose(FLEET, oneInUse, Set.of(), gpuVm("s", 1)).orElseThrow().gpus())
                .containsExactly("0000:d8:00.0");
    }

    @Test
    void aVmWithoutGpusAvoidsTheGpuHostWhileAnotherHostHasRoom() {
        Map<String, HostUsage> x86Busier = Map.of("x86", new HostUsage(4, 8192, 10, Set.of()));

        assertThat(place(FLEET, x86Busier, Set.of(), vm("r", 0, Arch.x86_64, 2, 2048))).contains("x86");
    }

    @Test
    void overcommitRatiosAreTheLimit() {
        Host overcommitted = host("oc", Arch.x86_64, 8, 16_384, 4.0);
        Map<String, HostUsage> thirtyUsed = Map.of("oc", new HostUsage(30, 1024, 10, Set.of()));

        assertThat(place(List.of(overcommitted), thirtyUsed, Set.of(), vm("r", 0, Arch.x86_64, 2, 1024))).contains("oc");
        assertThat(place(List.of(overcommitted), thirtyUsed, Set.of(), vm("r", 0, Arch.x86_64, 3, 1024))).isEmpty();
        assertThat(place(List.of(overcommitted), Map.of(), Set.of(), vm("r", 0, Arch.x86_64, 2, 16_385))).isEmpty();
    }

    @Test
    void vmsOfTheSameRequestSpreadOverHostsWhenTheyCan() {
        Host second = host("x86-2", Arch.x86_64, 4, 8192, 1.0);
        List<Host> hosts = List.of(X86, second);

        assertThat(place(hosts, Map.of(), Set.of("x86"), vm("r", 1, Arch.x86_64, 2, 2048))).contains("x86-2");
        assertThat(place(hosts, Map.of(), Set.of("x86", "x86-2"), vm("r", 2, Arch.x86_64, 2, 2048))).contains("x86");
    }

    @Test
    void noHostOfTheArchitectureNamesTheArchitecture() {
        NoCapacity none = PlacementRules.noCapacity(List.of(X86), Map.of(), vm("r", 0, Arch.aarch64, 1, 512));

        assertThat(none.shortages()).containsExactly(Shortage.ARCH);
        assertThat(none.reason()).contains("aarch64");
    }

    @Test
    void noFitNamesWhatIsShort() {
        assertThat(PlacementRules.noCapacity(FLEET, Map.of(), vm("r", 0, Arch.x86_64, 9, 512)).shortages())
                .containsExactly(Shortage.CPU);
        assertThat(PlacementRules.noCapacity(FLEET, Map.of(), vm("r", 0, Arch.aarch64, 1, 20_000)).reason())
                .contains("memory (20000 MiB)");
        assertThat(PlacementRules.noCapacity(FLEET, Map.of(), gpuVm("r", 3)).shortages())
                .containsExactly(Shortage.GPU);
    }
}

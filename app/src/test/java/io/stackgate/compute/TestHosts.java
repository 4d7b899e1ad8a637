package io.stackgate.compute;

import static org.mockito.Mockito.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.util.List;
import java.util.Map;

import io.stackgate.compute.ComputeProperties.Capacity;
import io.stackgate.compute.ComputeProperties.DomainType;
import io.stackgate.compute.ComputeProperties.Host;
import io.stackgate.compute.ComputeProperties.Overcommit;
import io.stackgate.compute.placement.VmDemand;

/** Hosts for tests, built in one line each. */
public final class TestHosts {

    private TestHosts() {
    }

    /** A hypervisor whose hosts all pass their health check except those named "down…" (the adapter has its own tests). */
    public static Hypervisor upUnlessNamedDown() {
        Hypervisor hypervisor = mock(Hypervisor.class);
        when(hypervisor.status(anyString())).thenAnswer(call -> call.<String>getArgument(0).startsWith("down")
                ? HostStatus.down("not answering: no answer within PT1S", java.time.Instant.now())
                : HostStatus.up(java.time.Instant.now()));
        when(hypervisor.isUp(anyString())).thenCallRealMethod();
        return hypervisor;
    }

    public static final ComputeProperties.Storage STORAGE =
            new ComputeProperties.Storage("stackgate", "/var/lib/stackgate/pool", "/var/log/stackgate");

    public static Host host(String name, Arch arch, int vcpus, long memoryMiB, double cpuOvercommit, String... gpus) {
        return new Host(name, "test:generated", arch, DomainType.qemu, new Capacity(vcpus, memoryMiB, 1000),
                new Overcommit(cpuOvercommit, 1.0), List.of(gpus), Map.of(), STORAGE);
    }

    public static VmDemand vm(String request, int index, Arch arch, int vcpus, long memoryMiB) {
        return new VmDemand(request, index, arch, vcpus, memoryMiB, 10, 0);
    }

    public static VmDemand gpuVm(String request, int gpus) {
        return new VmDemand(request, 0, Arch.x86_64, 4, 8192, 50, gpus);
    }
}

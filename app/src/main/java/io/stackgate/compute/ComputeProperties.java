package io.stackgate.compute;

import java.util.List;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The hypervisor hosts Stackgate places VMs on.
 *
 * @param testHostDir where host XMLs of {@code test:generated} hosts are written at start (libvirt's test driver
 *                    needs an absolute path: {@code test://<abs path>})
 * @param hosts       the fleet
 */
@ConfigurationProperties("stackgate.compute")
@Validated
record ComputeProperties(@DefaultValue("data/compute") String testHostDir, @DefaultValue @Valid List<Host> hosts) {

    /** A URI meaning "libvirt's test driver on a host XML generated from this entry". */
    static final String GENERATED_TEST_HOST = "test:generated";

    /**
     * @param uri        libvirt URI, e.g. {@code qemu+ssh://root@kvm1/system}, or {@code test:generated}
     * @param domainType {@code kvm} in production, {@code qemu} (TCG) where KVM is unusable: configured, never guessed
     * @param gpus       PCI addresses of the GPUs that may be passed through, e.g. {@code 0000:3b:00.0}
     */
    record Host(@NotBlank @Pattern(regexp = "[a-z0-9][a-z0-9-]{0,62}") String name, @NotBlank String uri,
            @NotNull Arch arch, @NotNull DomainType domainType, @NotNull @Valid Capacity capacity,
            @DefaultValue @Valid Overcommit overcommit, @DefaultValue List<String> gpus,
            @DefaultValue Map<String, String> labels) {
    }

    record Capacity(@Positive int vcpus, @Positive long memoryMiB, @Positive long diskGiB) {
    }

    /** How many virtual CPUs / MiB may be allocated per physical one. */
    record Overcommit(@DefaultValue("1.0") @DecimalMin("1.0") double cpu, @DefaultValue("1.0") @DecimalMin("1.0") double memory) {
    }

    enum DomainType {
        kvm, qemu
    }
}

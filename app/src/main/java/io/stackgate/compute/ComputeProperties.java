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
 * The hypervisor hosts Stackgate places VMs on, the images it boots and how provisioning retries.
 *
 * @param testHostDir  where host XMLs of {@code test:generated} hosts are written at start (libvirt's test driver
 *                     needs an absolute path: {@code test://<abs path>})
 * @param hosts        the fleet
 * @param images       the image catalogue: what a request's {@code image} may name, per architecture
 * @param provisioning retries and waits of the provisioning steps
 * @param networks     the range the projects' isolated networks are cut from
 * @param leases       when owners are asked to renew, and how long expired VMs are kept
 * @param libvirt      time limits of the calls to libvirt hosts
 */
@ConfigurationProperties("stackgate.compute")
@Validated
public record ComputeProperties(@DefaultValue("data/compute") String testHostDir, @DefaultValue @Valid List<Host> hosts,
        @DefaultValue @Valid List<Image> images, @DefaultValue @Valid Provisioning provisioning,
        @DefaultValue @Valid Networks networks, @DefaultValue @Valid Leases leases, @DefaultValue @Valid Libvirt libvirt) {

    /** A URI meaning "libvirt's test driver on a host XML generated from this entry". */
    public static final String GENERATED_TEST_HOST = "test:generated";

    /**
     * @param uri        libvirt URI, e.g. {@code qemu+ssh://root@kvm1/system}, {@code test:generated}, or
     *                   {@code demo:} (the in-process demo hypervisor: no libvirt needed, nothing boots)
     * @param domainType {@code kvm} in production, {@code qemu} (TCG) where KVM is unusable: configured, never guessed
     * @param gpus       PCI addresses of the GPUs that may be passed through, e.g. {@code 0000:3b:00.0}
     */
    public record Host(@NotBlank @Pattern(regexp = "[a-z0-9][a-z0-9-]{0,62}") String name, @NotBlank String uri,
            @NotNull Arch arch, @NotNull DomainType domainType, @NotNull @Valid Capacity capacity,
            @DefaultValue @Valid Overcommit overcommit, @DefaultValue List<String> gpus,
            @DefaultValue Map<String, String> labels, @DefaultValue @Valid Storage storage) {
    }

    /**
     * Where a host keeps the VMs' disks, seeds and console logs.
     *
     * @param pool       the libvirt {@code dir} storage pool Stackgate creates and uses (disk images live in it too)
     * @param path       its directory on the host
     * @param consoleDir where each VM's serial console is logged on the host
     */
    public record Storage(@DefaultValue("stackgate") @NotBlank String pool, @DefaultValue("/var/lib/stackgate/pool") @NotBlank String path,
            @DefaultValue("/var/log/stackgate") @NotBlank String consoleDir) {
    }

    /**
     * One entry of the image catalogue.
     *
     * @param kind    {@code disk}: a qcow2 cloud image (volume {@code volume} in each host's pool) booted by BIOS or
     *                UEFI, the production case; {@code kernel}: direct kernel boot of {@code kernel} + {@code initrd}
     *                (paths on the host), used by the test guest
     * @param cmdline kernel command line of a {@code kernel} image (the console is added per arch)
     */
    public record Image(@NotBlank @Pattern(regexp = "[a-z0-9][a-z0-9._-]{0,127}") String name, @NotNull Arch arch,
            @NotNull ImageKind kind, String volume, String kernel, String initrd, @DefaultValue("") String cmdline,
            @DefaultValue("") String description) {
    }

    public enum ImageKind {
        disk, kernel
    }

    /**
     * @param retryCycle          Camunda retry cycle of each provisioning step, e.g. {@code R3/PT30S}
     * @param placementRetryFirst the first wait when no host has room; doubled each time
     * @param placementRetryMax   the longest wait between placement attempts
     * @param shutdownTimeout     how long a guest may take to shut down (for a resize) before it is powered off
     * @param shutdownPoll        how long resize-vm waits on its timer between two looks at guests shutting down
     */
    public record Provisioning(@DefaultValue("R3/PT30S") @NotBlank String retryCycle,
            @DefaultValue("PT30S") java.time.Duration placementRetryFirst,
            @DefaultValue("PT10M") java.time.Duration placementRetryMax,
            @DefaultValue("PT2M") java.time.Duration shutdownTimeout,
            @DefaultValue("PT2S") java.time.Duration shutdownPoll) {
    }

    /**
     * @param notice how long before a lease ends its owner is asked to renew
     * @param grace  how long an expired (powered-off) VM is kept before it is decommissioned
     */
    public record Leases(@DefaultValue("P7D") java.time.Duration notice, @DefaultValue("P7D") java.time.Duration grace) {
    }

    /**
     * How calls to libvirt hosts are bounded, so that a host that hangs ties up only its own threads and is reported
     * DOWN (not answering) instead of stalling whoever asked.
     *
     * @param connectTimeout    how long opening a host's connection may take
     * @param callTimeout       how long one call may take; past it the host counts as not answering
     * @param probeTimeout      how long a health check (host list, placement, reconciliation) waits for a host
     * @param statusCacheFor    how long a host's status is reused before it is checked again
     * @param keepAliveInterval libvirt keepalive: a probe every interval; a connection whose peer misses
     *                          {@code keepAliveCount} of them in a row is closed, failing the calls that wait on it
     * @param threadsPerHost    each host's calls run on that host's own threads, at most this many at once
     */
    public record Libvirt(@DefaultValue("PT10S") java.time.Duration connectTimeout,
            @DefaultValue("PT60S") java.time.Duration callTimeout,
            @DefaultValue("PT3S") java.time.Duration probeTimeout,
            @DefaultValue("PT10S") java.time.Duration statusCacheFor,
            @DefaultValue("PT5S") java.time.Duration keepAliveInterval,
            @DefaultValue("3") @Positive int keepAliveCount,
            @DefaultValue("4") @Positive int threadsPerHost) {

        /** The defaults (adapters built outside Spring, in tests). */
        public static Libvirt defaults() {
            return new Libvirt(java.time.Duration.ofSeconds(10), java.time.Duration.ofSeconds(60),
                    java.time.Duration.ofSeconds(3), java.time.Duration.ofSeconds(10), java.time.Duration.ofSeconds(5),
                    3, 4);
        }
    }

    /** @param range an IPv4 /16 or wider; each project gets the next /24 of it */
    public record Networks(@DefaultValue("10.200.0.0/16") @Pattern(regexp = "\\d+\\.\\d+\\.0\\.0/16") String range) {
    }

    public record Capacity(@Positive int vcpus, @Positive long memoryMiB, @Positive long diskGiB) {
    }

    /** How many virtual CPUs / MiB may be allocated per physical one. */
    public record Overcommit(@DefaultValue("1.0") @DecimalMin("1.0") double cpu, @DefaultValue("1.0") @DecimalMin("1.0") double memory) {
    }

    public enum DomainType {
        kvm, qemu
    }
}

package io.stackgate.requests;

import io.stackgate.tenancy.Quota;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;

/**
 * A namespace of an existing project: {@code <tenant>-<project>[-<suffix>]} on {@code cluster} (the first configured
 * cluster when left out), with its own share of the project's quota: the share is reserved against the project's
 * quota at submit like a VM's size (beyond it, the tenant admin decides) and becomes the namespace's ResourceQuota.
 *
 * @param quota the namespace's share; left out (or in part), the Kubernetes capability fills in its configured default
 *              at submit. Null only in requests stored before shares existed: they reserved nothing.
 */
public record NamespaceSpec(
        @Pattern(regexp = "^[a-z0-9]([a-z0-9-]{0,20}[a-z0-9])?$", message = "must be a DNS label of at most 22 characters") String suffix,
        @Pattern(regexp = "^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$", message = "must be a DNS label") String cluster,
        @Valid Share quota)
        implements RequestSpec {

    public NamespaceSpec(String suffix, String cluster) {
        this(suffix, cluster, null);
    }

    @Override
    public Quota demand() {
        return quota == null ? Quota.ZERO : quota.asQuota();
    }

    /** The same request with the share's missing amounts taken from {@code defaults}. */
    public NamespaceSpec withDefaultShare(Share defaults) {
        return new NamespaceSpec(suffix, cluster, quota == null ? defaults : quota.orElse(defaults));
    }

    /**
     * A namespace's share of its project's quota: its ResourceQuota's CPU, memory, storage and GPUs (at least one
     * vCPU and 512 MiB: the LimitRange's default container limits).
     */
    public record Share(@Min(1) @Max(4096) Integer vcpus, @Min(512) @Max(16777216) Long memoryMiB,
            @Min(0) @Max(1048576) Long diskGiB, @Min(0) @Max(512) Integer gpus) {

        /** Every amount given, the missing ones from {@code defaults}. */
        public Share orElse(Share defaults) {
            return new Share(vcpus != null ? vcpus : defaults.vcpus, memoryMiB != null ? memoryMiB : defaults.memoryMiB,
                    diskGiB != null ? diskGiB : defaults.diskGiB, gpus != null ? gpus : defaults.gpus);
        }

        /** As a quota demand (amounts left out count as zero; neither VMs nor nodes). */
        public Quota asQuota() {
            return new Quota(vcpus == null ? 0 : vcpus, memoryMiB == null ? 0 : memoryMiB, diskGiB == null ? 0 : diskGiB,
                    gpus == null ? 0 : gpus, 0, 0);
        }
    }
}

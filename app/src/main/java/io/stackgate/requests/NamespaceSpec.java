package io.stackgate.requests;

import jakarta.validation.constraints.Pattern;

import io.stackgate.tenancy.Quota;

/**
 * A namespace of an existing project: {@code <tenant>-<project>[-<suffix>]} on {@code cluster} (the first configured
 * cluster when left out). It draws on the project's quota through its ResourceQuota, so it reserves nothing of its own.
 */
public record NamespaceSpec(
        @Pattern(regexp = "^[a-z0-9]([a-z0-9-]{0,20}[a-z0-9])?$", message = "must be a DNS label of at most 22 characters") String suffix,
        @Pattern(regexp = "^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$", message = "must be a DNS label") String cluster)
        implements RequestSpec {

    @Override
    public Quota demand() {
        return Quota.ZERO;
    }
}

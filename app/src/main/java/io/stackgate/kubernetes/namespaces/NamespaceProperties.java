package io.stackgate.kubernetes.namespaces;

import io.stackgate.requests.NamespaceSpec;
import io.stackgate.tenancy.Quota;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * What every project namespace gets unless its request or its project says otherwise.
 *
 * @param podSecurity  the Pod Security Standard tenant namespaces enforce, warn and audit at ({@code privileged},
 *                     {@code baseline}, {@code restricted}); a project's {@code podSecurity} in tenants-config wins
 * @param defaultQuota a namespace request's share of its project's quota where it names none (or part of one); also
 *                     the ResourceQuota of namespaces made before shares existed
 */
@ConfigurationProperties("stackgate.kubernetes.namespaces")
@Validated
record NamespaceProperties(
        @DefaultValue("baseline") @Pattern(regexp = "privileged|baseline|restricted") String podSecurity,
        @DefaultValue @Valid DefaultQuota defaultQuota) {

    /** The default share: 2 vCPUs, 4 GiB, 20 GiB of storage, no GPU. */
    record DefaultQuota(@DefaultValue("2") @Min(1) int vcpus, @DefaultValue("4096") @Min(512) long memoryMiB,
            @DefaultValue("20") @Min(0) long diskGiB, @DefaultValue("0") @Min(0) int gpus) {

        NamespaceSpec.Share share() {
            return new NamespaceSpec.Share(vcpus, memoryMiB, diskGiB, gpus);
        }

        Quota quota() {
            return share().asQuota();
        }
    }

    /** The level a project's namespaces enforce: its own, else the platform's. */
    String podSecurityOf(io.stackgate.tenancy.Project project) {
        return project.podSecurity() != null ? project.podSecurity() : podSecurity;
    }
}

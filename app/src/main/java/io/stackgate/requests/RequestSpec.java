package io.stackgate.requests;

import io.stackgate.tenancy.Quota;

/** What is asked for; one record per request type. */
public sealed interface RequestSpec permits VmSpec, NodePoolSpec, NamespaceSpec, QuotaChangeSpec, DecommissionSpec,
        LeaseRenewalSpec, VmResizeSpec {

    /** What the request holds of the project's quota from submit until it is freed. */
    Quota demand();

    /**
     * The spec without what only the request's owners may read (cloud-init user data, SSH keys), and the names of the
     * fields left out; requests without such fields answer themselves.
     */
    default RequestSpec withoutSecrets() {
        return this;
    }

    /** The fields {@link #withoutSecrets()} leaves out of this spec, as JSON paths ({@code spec.userData}). */
    default java.util.List<String> secretFields() {
        return java.util.List.of();
    }

    /** Size of one machine (VM or node) for the approval chain; zero for requests without machines. */
    default Sizing sizing() {
        return Sizing.NONE;
    }

    /** The approval chain's view of the size: per machine vCPU and memory, GPUs in total, machine count. */
    record Sizing(int vcpus, long memoryMiB, long diskGiB, int gpus, int count) {

        static final Sizing NONE = new Sizing(0, 0, 0, 0, 0);
    }
}

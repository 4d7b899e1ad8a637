package io.stackgate.requests;

import java.util.Arrays;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** The request catalogue: each type has its spec and the process that provisions it once approved. */
public enum RequestType {
    VM("vm", VmSpec.class, "provision-vm"),
    K8S_NODES("k8s-nodes", NodePoolSpec.class, "provision-k8s-nodes"),
    NAMESPACE("namespace", NamespaceSpec.class, "provision-namespace"),
    QUOTA_CHANGE("quota-change", QuotaChangeSpec.class, "apply-quota-change"),
    DECOMMISSION("decommission", DecommissionSpec.class, "decommission"),
    LEASE_RENEWAL("lease-renewal", LeaseRenewalSpec.class, "renew-lease"),
    VM_RESIZE("vm-resize", VmResizeSpec.class, "resize-vm");

    private final String id;
    private final Class<? extends RequestSpec> specType;
    private final String provisioningProcess;

    RequestType(String id, Class<? extends RequestSpec> specType, String provisioningProcess) {
        this.id = id;
        this.specType = specType;
        this.provisioningProcess = provisioningProcess;
    }

    @JsonValue
    public String id() {
        return id;
    }

    public Class<? extends RequestSpec> specType() {
        return specType;
    }

    /** The key of the BPMN process the approved request's call activity starts. */
    public String provisioningProcess() {
        return provisioningProcess;
    }

    @JsonCreator
    public static RequestType of(String id) {
        return Arrays.stream(values()).filter(t -> t.id.equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown request type " + id));
    }

    public static String ids() {
        return String.join(", ", Arrays.stream(values()).map(RequestType::id).toList());
    }
}

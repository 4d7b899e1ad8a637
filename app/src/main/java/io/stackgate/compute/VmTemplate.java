package io.stackgate.compute;

import java.util.List;

/**
 * What one VM of a request is to be: the VM request's own spec, or one worker node of a node pool as the Kubernetes
 * capability derives it. The user-data is rendered when the VM's seed is written, so it may carry what exists only by
 * then (a node's bootstrap token).
 *
 * @param hostname  the guest's hostname (a DNS label)
 * @param leaseDays how long the VM may live before its lease runs out; null for no lease
 * @param userData  cloud-init user-data exactly as the guest gets it
 */
public record VmTemplate(String hostname, Arch arch, int vcpus, long memoryMiB, long diskGiB, String image, int gpus,
        List<String> sshKeys, Integer leaseDays, String userData) {

    public VmTemplate {
        sshKeys = sshKeys == null ? List.of() : List.copyOf(sshKeys);
    }
}

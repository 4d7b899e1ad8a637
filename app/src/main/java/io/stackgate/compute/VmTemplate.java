package io.stackgate.compute;

import java.util.List;

/**
 * What one VM of a request is to be: the VM request's own spec, or one worker node of a node pool as the Kubernetes
 * capability derives it. Its user-data is not part of it: that is asked for only when the seed is written
 * ({@link VmTemplates#userData}), since it may carry a secret that must be fresh then (a node's bootstrap token).
 *
 * @param hostname  the guest's hostname (a DNS label)
 * @param leaseDays how long the VM may live before its lease runs out; null for no lease
 */
public record VmTemplate(String hostname, Arch arch, int vcpus, long memoryMiB, long diskGiB, String image, int gpus,
        List<String> sshKeys, Integer leaseDays) {

    public VmTemplate {
        sshKeys = sshKeys == null ? List.of() : List.copyOf(sshKeys);
    }
}

package io.stackgate.tenancy;

import java.util.ArrayList;
import java.util.List;

/** An amount of every resource a quota limits; used for limits, usage and a request's demand alike. */
public record Quota(int vcpus, long memoryMiB, long diskGiB, int gpus, int vms, int k8sNodes) {

    public static final Quota ZERO = new Quota(0, 0, 0, 0, 0, 0);

    public Quota plus(Quota other) {
        return new Quota(vcpus + other.vcpus, memoryMiB + other.memoryMiB, diskGiB + other.diskGiB,
                gpus + other.gpus, vms + other.vms, k8sNodes + other.k8sNodes);
    }

    public Quota minus(Quota other) {
        return new Quota(vcpus - other.vcpus, memoryMiB - other.memoryMiB, diskGiB - other.diskGiB,
                gpus - other.gpus, vms - other.vms, k8sNodes - other.k8sNodes);
    }

    /** The names of the dimensions in which this amount is larger than {@code limit} (empty when it fits). */
    public List<String> exceeding(Quota limit) {
        List<String> over = new ArrayList<>();
        if (vcpus > limit.vcpus) over.add("vcpus");
        if (memoryMiB > limit.memoryMiB) over.add("memoryMiB");
        if (diskGiB > limit.diskGiB) over.add("diskGiB");
        if (gpus > limit.gpus) over.add("gpus");
        if (vms > limit.vms) over.add("vms");
        if (k8sNodes > limit.k8sNodes) over.add("k8sNodes");
        return over;
    }
}

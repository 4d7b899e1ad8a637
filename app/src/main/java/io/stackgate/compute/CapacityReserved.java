package io.stackgate.compute;

import java.util.List;

/** Host capacity was reserved for one VM of a request (published inside the reserving transaction). */
public record CapacityReserved(String requestId, int vmIndex, String host, int vcpus, long memoryMiB, long diskGiB,
        List<String> gpus) {
}

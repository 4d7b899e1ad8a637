package io.stackgate.compute;

/** A request's host reservations were released (published inside the releasing transaction). */
public record CapacityReleased(String requestId, int vms) {
}

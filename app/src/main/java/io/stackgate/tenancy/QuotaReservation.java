package io.stackgate.tenancy;

import java.util.List;

/**
 * The outcome of reserving a request's demand at submit: the reservation always stands;
 * {@code overQuota} tells the approval chain that the tenant admin must decide.
 *
 * @param exceeded the dimensions over the project's or the tenant's quota, e.g. {@code project.vcpus}
 */
public record QuotaReservation(String requestId, Quota demand, boolean overQuota, List<String> exceeded) {

    public QuotaReservation {
        exceeded = List.copyOf(exceeded);
    }
}

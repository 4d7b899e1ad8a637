package io.stackgate.compute;

import java.util.List;

import io.stackgate.identity.Caller;

/**
 * Another capability's resources in {@code GET /api/resources} (the Kubernetes capability's namespaces and nodes):
 * each source lists its kind, already scoped to the caller's tenants.
 */
public interface ResourceSource {

    /** The {@code kind} query value this source answers, e.g. {@code namespace}. */
    String kind();

    /** Views to serialise as they are; each carries at least id, kind, tenant, project, requestId and state. */
    List<?> list(Caller caller, String tenant, String project, String state);
}

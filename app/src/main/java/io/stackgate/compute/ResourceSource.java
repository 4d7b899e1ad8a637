package io.stackgate.compute;

import java.util.List;

/**
 * Another capability's resources in {@code GET /api/resources} (the Kubernetes capability's namespaces and nodes).
 * The listing is paginated across every source, so each source counts and pages its own kind in the scope (already
 * narrowed to the caller's tenants), each with one query: no look-up per row.
 */
public interface ResourceSource {

    /** The {@code kind} query value this source answers, e.g. {@code namespace}. */
    String kind();

    /** How many resources of this kind the scope holds (a state this kind does not have: none). */
    long count(ResourceScope scope);

    /**
     * Resources {@code offset} to {@code offset + limit} of the scope in a stable order, newest first; views to
     * serialise as they are, each carrying at least id, kind, tenant, project, requestId and state.
     */
    List<?> list(ResourceScope scope, long offset, int limit);
}

package io.stackgate.tenancy;

import io.stackgate.errors.DomainError;

/** The tenant has no project of that id. */
public class ProjectNotFound extends DomainError {

    public ProjectNotFound(String tenantId, String projectId) {
        super(Kind.NOT_FOUND, "project " + tenantId + "/" + projectId + " not found");
    }
}

package io.stackgate.tenancy;

import java.util.List;
import java.util.Optional;

/** One organisation using the platform, as declared in {@code tenants-config/<id>.yaml}. */
public record Tenant(String id, String name, Quota quota, List<OrgUnit> orgUnits, List<Project> projects,
        ApprovalPolicy approval) {

    public Tenant {
        orgUnits = List.copyOf(orgUnits);
        projects = List.copyOf(projects);
    }

    public Optional<Project> project(String projectId) {
        return projects.stream().filter(p -> p.id().equals(projectId)).findFirst();
    }
}

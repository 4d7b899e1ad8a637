package io.stackgate.tenancy;

import java.util.List;
import java.util.Optional;

/** One organisation using the platform, as declared in {@code tenants-config/<id>.yaml}. */
public record Tenant(String id, String name, Quota quota, List<OrgUnit> orgUnits, List<Project> projects,
        ApprovalPolicy approval, List<Webhook> webhooks) {

    public Tenant {
        orgUnits = List.copyOf(orgUnits);
        projects = List.copyOf(projects);
        webhooks = webhooks == null ? List.of() : List.copyOf(webhooks);
    }

    /** A tenant without webhooks ({@code notifications.webhooks}). */
    public Tenant(String id, String name, Quota quota, List<OrgUnit> orgUnits, List<Project> projects,
            ApprovalPolicy approval) {
        this(id, name, quota, orgUnits, projects, approval, List.of());
    }

    public Optional<Project> project(String projectId) {
        return projects.stream().filter(p -> p.id().equals(projectId)).findFirst();
    }
}

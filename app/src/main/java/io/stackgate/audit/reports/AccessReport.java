package io.stackgate.audit.reports;

import java.util.List;
import java.util.Optional;

import io.stackgate.identity.Directory;
import io.stackgate.tenancy.Project;
import io.stackgate.tenancy.RoleMapping;
import io.stackgate.tenancy.Tenant;
import io.stackgate.tenancy.Tenants;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Who holds which project role and namespace binding now: each project's role mappings from tenants-config (the
 * group, its project role, the cluster role its namespaces bind it to) with the group's member count from Keycloak
 * (empty without a directory). The period does not apply: access is as it stands.
 */
@Component
class AccessReport implements ReportSource {

    private static final List<Column> COLUMNS = List.of(new Column("tenant", "Tenant"), new Column("project", "Project"),
            new Column("projectName", "Project name"), new Column("group", "Group"), new Column("role", "Project role"),
            new Column("clusterRole", "Namespace binding"), new Column("members", "Members"));

    private final Tenants tenants;
    private final ObjectProvider<Directory> directory;

    AccessReport(Tenants tenants, ObjectProvider<Directory> directory) {
        this.tenants = tenants;
        this.directory = directory;
    }

    @Override
    public ReportName name() {
        return ReportName.ACCESS;
    }

    @Override
    public List<Column> columns() {
        return COLUMNS;
    }

    @Override
    public ReportTable.Rows rows(ReportFilter filter) {
        return sink -> {
            Optional<Directory> groups = Optional.ofNullable(directory.getIfAvailable());
            for (String tenantId : filter.tenants()) {
                List<Project> projects = tenants.find(tenantId).map(Tenant::projects).orElse(List.of());
                for (Project project : projects) {
                    if (filter.project() != null && !project.id().equals(filter.project())) {
                        continue;
                    }
                    for (RoleMapping mapping : project.roleMappings()) {
                        sink.accept(new Object[] {tenantId, project.id(), project.name(), mapping.group(),
                                mapping.role().name().toLowerCase(java.util.Locale.ROOT), mapping.clusterRole(),
                                groups.map(d -> (Object) (long) d.memberCount(mapping.group())).orElse(null)});
                    }
                }
            }
        };
    }
}

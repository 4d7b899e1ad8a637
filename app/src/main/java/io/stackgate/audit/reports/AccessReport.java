package io.stackgate.audit.reports;

import java.util.List;
import java.util.Optional;

import io.stackgate.identity.DirectoryUser;
import io.stackgate.identity.UserDirectory;
import io.stackgate.tenancy.Project;
import io.stackgate.tenancy.RoleMapping;
import io.stackgate.tenancy.Tenant;
import io.stackgate.tenancy.Tenants;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Who holds which project role and namespace binding now: each project's role mappings from tenants-config (the
 * group, its project role, the cluster role its namespaces bind it to), one row per member of the group (sub-groups
 * included) as the directory (Keycloak) has them; a group without members still has its row, without a user. The
 * period does not apply: access is as it stands.
 */
@Component
class AccessReport implements ReportSource {

    private static final List<Column> COLUMNS = List.of(new Column("tenant", "Tenant"), new Column("project", "Project"),
            new Column("projectName", "Project name"), new Column("group", "Group"), new Column("role", "Project role"),
            new Column("clusterRole", "Namespace binding"), new Column("user", "User"));

    private final Tenants tenants;
    private final ObjectProvider<UserDirectory> directory;

    AccessReport(Tenants tenants, ObjectProvider<UserDirectory> directory) {
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
            Optional<UserDirectory> users = Optional.ofNullable(directory.getIfAvailable());
            for (String tenantId : filter.tenants()) {
                List<Project> projects = tenants.find(tenantId).map(Tenant::projects).orElse(List.of());
                for (Project project : projects) {
                    if (filter.project() != null && !project.id().equals(filter.project())) {
                        continue;
                    }
                    for (RoleMapping mapping : project.roleMappings()) {
                        List<DirectoryUser> members = users.map(d -> d.members(mapping.group())).orElse(List.of());
                        String role = mapping.role().name().toLowerCase(java.util.Locale.ROOT);
                        if (members.isEmpty()) {
                            sink.accept(new Object[] {tenantId, project.id(), project.name(), mapping.group(), role,
                                    mapping.clusterRole(), null});
                        }
                        for (DirectoryUser member : members) {
                            sink.accept(new Object[] {tenantId, project.id(), project.name(), mapping.group(), role,
                                    mapping.clusterRole(), member.username()});
                        }
                    }
                }
            }
        };
    }
}

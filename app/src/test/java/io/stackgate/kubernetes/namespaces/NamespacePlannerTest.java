package io.stackgate.kubernetes.namespaces;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import io.stackgate.errors.InvalidInput;
import io.stackgate.kubernetes.cluster.NamespacePlan;
import io.stackgate.tenancy.Project;
import io.stackgate.tenancy.ProjectRole;
import io.stackgate.tenancy.Quota;
import io.stackgate.tenancy.RoleMapping;
import io.stackgate.tenancy.Tenant;
import org.junit.jupiter.api.Test;

class NamespacePlannerTest {

    static final Project WEB = new Project("web", "Web shop", "engineering", new Quota(16, 32768, 500, 2, 10, 4),
            List.of(new RoleMapping("/tenants/acme/engineering/managers", ProjectRole.OWNER, "admin"),
                    new RoleMapping("/tenants/acme/engineering", ProjectRole.MEMBER, "edit"),
                    new RoleMapping("/tenants/acme/auditors", ProjectRole.VIEWER, "view")));
    static final Quota SHARE = new Quota(2, 4096, 20, 1, 0, 0);
    static final Tenant ACME = new Tenant("acme", "Acme", new Quota(100, 100000, 10000, 10, 100, 10), List.of(),
            List.of(WEB), null);

    @Test
    void theNamespaceIsNamedAfterTenantProjectAndSuffixAndLabelledWithThem() {
        NamespacePlan plan = NamespacePlanner.plan(ACME, WEB, "staging", "req-1", "oidc:", SHARE, "baseline");

        assertThat(plan.name()).isEqualTo("acme-web-staging");
        assertThat(plan.labels()).containsEntry("stackgate.io/tenant", "acme").containsEntry("stackgate.io/project", "web")
                .containsEntry("stackgate.io/request", "req-1").containsEntry("app.kubernetes.io/managed-by", "stackgate");
        assertThat(NamespacePlanner.plan(ACME, WEB, null, null, "oidc:", SHARE, "baseline").name()).isEqualTo("acme-web");
    }

    @Test
    void everyMappedGroupIsBoundToItsClusterRoleWithTheClustersOidcPrefix() {
        NamespacePlan plan = NamespacePlanner.plan(ACME, WEB, null, null, "oidc:", SHARE, "baseline");

        assertThat(plan.roleBindings()).extracting(NamespacePlan.Binding::group, NamespacePlan.Binding::clusterRole)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("oidc:/tenants/acme/engineering/managers", "admin"),
                        org.assertj.core.groups.Tuple.tuple("oidc:/tenants/acme/engineering", "edit"),
                        org.assertj.core.groups.Tuple.tuple("oidc:/tenants/acme/auditors", "view"));
        assertThat(plan.roleBindings()).extracting(NamespacePlan.Binding::name).doesNotHaveDuplicates()
                .allMatch(name -> NamespacePlanner.DNS_1123_LABEL.matcher(name).matches());
        assertThat(NamespacePlanner.plan(ACME, WEB, null, null, "oidc:", SHARE, "baseline").roleBindings())
                .as("stable names: the same mapping gives the same binding").isEqualTo(plan.roleBindings());
    }

    @Test
    void theQuotaIsTheNamespacesShareNotTheWholeProjectsQuota() {
        NamespacePlan plan = NamespacePlanner.plan(ACME, WEB, null, null, "", SHARE, "baseline");

        assertThat(plan.quota()).containsEntry("requests.cpu", "2").containsEntry("limits.cpu", "2")
                .containsEntry("requests.memory", "4096Mi").containsEntry("limits.memory", "4096Mi")
                .containsEntry("requests.storage", "20Gi").containsEntry("requests.nvidia.com/gpu", "1");
        assertThat(plan.limitRange()).containsKeys("default", "defaultRequest");
    }

    @Test
    void theNamespaceEnforcesWarnsAndAuditsAtItsPodSecurityLevelInTheLatestVersion() {
        NamespacePlan plan = NamespacePlanner.plan(ACME, WEB, null, "req-1", "", SHARE, "restricted");

        assertThat(plan.labels()).containsEntry("pod-security.kubernetes.io/enforce", "restricted")
                .containsEntry("pod-security.kubernetes.io/enforce-version", "latest")
                .containsEntry("pod-security.kubernetes.io/warn", "restricted")
                .containsEntry("pod-security.kubernetes.io/warn-version", "latest")
                .containsEntry("pod-security.kubernetes.io/audit", "restricted")
                .containsEntry("pod-security.kubernetes.io/audit-version", "latest");
        assertThatThrownBy(() -> NamespacePlanner.plan(ACME, WEB, null, null, "", SHARE, "lax"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aProjectsOwnPodSecurityLevelWinsOverThePlatformsDefault() {
        NamespaceProperties settings = new NamespaceProperties("baseline",
                new NamespaceProperties.DefaultQuota(2, 4096, 20, 0));
        Project privileged = new Project("ci", "CI", "engineering", WEB.quota(), WEB.roleMappings(), "privileged");

        assertThat(settings.podSecurityOf(WEB)).isEqualTo("baseline");
        assertThat(settings.podSecurityOf(privileged)).isEqualTo("privileged");
    }

    @Test
    void aNameThatIsNoDns1123LabelIsRefusedBeforeAnythingIsCreated() {
        assertThatThrownBy(() -> NamespacePlanner.namespaceName("acme", "web", "x".repeat(60)))
                .isInstanceOf(InvalidInput.class).hasMessageContaining("DNS-1123");
        assertThatThrownBy(() -> NamespacePlanner.namespaceName("acme", "web", "Bad_Name"))
                .isInstanceOf(InvalidInput.class);
    }
}

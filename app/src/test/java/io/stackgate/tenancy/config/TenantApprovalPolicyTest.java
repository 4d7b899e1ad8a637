package io.stackgate.tenancy.config;

import static io.stackgate.tenancy.config.TenantsConfigLoaderTest.demo;
import static io.stackgate.tenancy.config.TenantsConfigLoaderTest.lineOf;
import static io.stackgate.tenancy.config.TenantsConfigLoaderTest.properties;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import io.stackgate.tenancy.ApprovalPolicy;
import io.stackgate.tenancy.config.TenantsConfigLoader.Result;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A tenant's approval policy names its decision, its small-VM thresholds and the units whose node pools need the tenant admin. */
class TenantApprovalPolicyTest {

    private static final String ESCALATION = "  escalationGroup: /tenants/acme/admins\n";

    @TempDir
    Path folder;

    private Result load(String acme) throws IOException {
        Files.writeString(folder.resolve("acme.yaml"), acme);
        return new TenantsConfigLoader(properties(folder.toString())).load();
    }

    @Test
    void aTenantThatSaysNothingGetsTheDefaultDecisionAndThresholds() throws IOException {
        Files.writeString(folder.resolve("globex.yaml"), demo("globex"));

        Result result = new TenantsConfigLoader(properties(folder.toString())).load();

        assertThat(result.errors()).isEmpty();
        ApprovalPolicy policy = result.tenants().get(0).approval();
        assertThat(policy.decision()).isEqualTo("approval-chain.dmn");
        assertThat(policy.smallVmVcpus()).isEqualTo(4);
        assertThat(policy.smallVmMemoryMiB()).isEqualTo(8192);
        assertThat(policy.tenantAdminApprovesNodePoolsOf()).isEmpty();
    }

    @Test
    void theDemoAcmeSendsFinanceNodePoolsToTheTenantAdmin() throws IOException {
        Result result = load(demo("acme"));

        assertThat(result.errors()).isEmpty();
        assertThat(result.tenants().get(0).approval().tenantAdminApprovesNodePoolsOf()).containsExactly("finance");
    }

    @Test
    void aTenantNamesItsOwnDecisionThresholdsAndUnits() throws IOException {
        Result result = load(demo("acme").replace(ESCALATION, ESCALATION
                + "  decision: approval-chain.dmn\n"
                + "  smallVm: {vcpus: 8, memoryMiB: 16384}\n")
                .replace("tenantAdminApprovesNodePoolsOf: [finance]", "tenantAdminApprovesNodePoolsOf: [finance, platform]"));

        assertThat(result.errors()).isEmpty();
        ApprovalPolicy policy = result.tenants().get(0).approval();
        assertThat(policy.decision()).isEqualTo("approval-chain.dmn");
        assertThat(policy.smallVmVcpus()).isEqualTo(8);
        assertThat(policy.smallVmMemoryMiB()).isEqualTo(16384);
        assertThat(policy.tenantAdminApprovesNodePoolsOf()).containsExactly("finance", "platform");
    }

    @Test
    void oneSmallVmThresholdLeftOutKeepsItsDefault() throws IOException {
        Result result = load(demo("acme").replace(ESCALATION, ESCALATION + "  smallVm: {vcpus: 2}\n"));

        assertThat(result.errors()).isEmpty();
        assertThat(result.tenants().get(0).approval().smallVmVcpus()).isEqualTo(2);
        assertThat(result.tenants().get(0).approval().smallVmMemoryMiB()).isEqualTo(8192);
    }

    @Test
    void anUndeclaredOrgUnitIsNamedWithItsField() throws IOException {
        String acme = demo("acme").replace("tenantAdminApprovesNodePoolsOf: [finance]",
                "tenantAdminApprovesNodePoolsOf: [finance, marketing]");

        Result result = load(acme);

        assertThat(result.tenants()).isEmpty();
        assertThat(result.errors()).singleElement().hasToString("acme.yaml:"
                + lineOf(acme, "tenantAdminApprovesNodePoolsOf") + ": approval.tenantAdminApprovesNodePoolsOf[1]: "
                + "unknown org unit 'marketing'");
    }

    @Test
    void aDecisionFileThatIsNotUnderProcessesIsNamedWithItsField() throws IOException {
        String acme = demo("acme").replace(ESCALATION, ESCALATION + "  decision: acme-chain.dmn\n");

        Result result = load(acme);

        assertThat(result.tenants()).isEmpty();
        assertThat(result.errors()).singleElement().hasToString("acme.yaml:" + lineOf(acme, "decision: acme-chain.dmn")
                + ": approval.decision: no decision file 'acme-chain.dmn' under processes/");
    }

    @Test
    void aDecisionMustBeADmnFileName() throws IOException {
        Result result = load(demo("acme").replace(ESCALATION, ESCALATION + "  decision: ../secrets.dmn.txt\n"));

        assertThat(result.errors()).singleElement().extracting(ConfigError::field).isEqualTo("approval.decision");
    }

    @Test
    void aSmallVmThresholdBelowOneIsRefused() throws IOException {
        Result result = load(demo("acme").replace(ESCALATION, ESCALATION + "  smallVm: {vcpus: 0}\n"));

        assertThat(result.errors()).singleElement().extracting(ConfigError::field).isEqualTo("approval.smallVm.vcpus");
    }
}

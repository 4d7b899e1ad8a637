package io.stackgate.processes;

import static io.stackgate.processes.ApprovalInputs.namespace;
import static io.stackgate.processes.ApprovalInputs.smallVm;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import io.stackgate.processes.ApprovalInputs.Request;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.engine.test.junit5.ProcessEngineExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The default approval policy of {@code processes/approval-chain.dmn}, one test per rule. */
@Deployment(resources = "processes/approval-chain.dmn")
class ApprovalChainDecisionTest {

  @RegisterExtension
  static ProcessEngineExtension engine = ProcessEngineExtension.builder().configurationResource("process-tests.camunda.cfg.xml").build();

  @Test
  void smallVmNeedsOnlyTheDeptManager() {
    assertThat(levels(smallVm())).containsExactly("dept-manager");
  }

  @Test
  void nodePoolNeedsTheDeptManager() {
    assertThat(levels(smallVm().type("k8s-nodes"))).containsExactly("dept-manager");
  }

  @Test
  void decommissionNeedsTheDeptManager() {
    assertThat(levels(smallVm().type("decommission"))).containsExactly("dept-manager");
  }

  @Test
  void gpuVmAlsoNeedsPlatformOps() {
    assertThat(levels(smallVm().gpus(1))).containsExactly("dept-manager", "platform-ops");
  }

  @Test
  void moreThanFourVcpusAlsoNeedsPlatformOps() {
    assertThat(levels(smallVm().vcpus(5))).containsExactly("dept-manager", "platform-ops");
  }

  @Test
  void moreThanEightGibAlsoNeedsPlatformOps() {
    assertThat(levels(smallVm().memoryMiB(8193))).containsExactly("dept-manager", "platform-ops");
  }

  @Test
  void theSmallVmIsTheTenants() {
    // a tenant whose small VM has 2 vCPUs and 4 GiB (approval.smallVm)
    assertThat(levels(smallVm().vcpus(3).memoryMiB(4096).smallVm(2, 4096))).containsExactly("dept-manager", "platform-ops");
    assertThat(levels(smallVm().vcpus(2).memoryMiB(4097).smallVm(2, 4096)))
        .containsExactly("dept-manager", "platform-ops");
    assertThat(levels(smallVm().vcpus(2).memoryMiB(4096).smallVm(2, 4096))).containsExactly("dept-manager");
  }

  @Test
  void costOverTheThresholdNeedsPlatformOpsForAnyType() {
    assertThat(levels(namespace().monthlyCost(500.01))).containsExactly("platform-ops");
  }

  @Test
  void costAtTheThresholdIsNotOverIt() {
    assertThat(levels(namespace().monthlyCost(500.0))).isEmpty();
  }

  @Test
  void nodePoolForFinanceAlsoNeedsTheTenantAdmin() {
    // acme's YAML: tenantAdminApprovesNodePoolsOf: [finance]
    assertThat(levels(smallVm().type("k8s-nodes").orgUnit("finance").nodePoolsNeedTenantAdmin(true)))
        .containsExactly("dept-manager", "tenant-admin");
  }

  @Test
  void vmForFinanceNeedsNoTenantAdmin() {
    assertThat(levels(smallVm().orgUnit("finance").nodePoolsNeedTenantAdmin(true))).containsExactly("dept-manager");
  }

  @Test
  void overQuotaNeedsTheTenantAdmin() {
    assertThat(levels(namespace().overQuota(true))).containsExactly("tenant-admin");
  }

  @Test
  void quotaChangeNeedsTheTenantAdmin() {
    assertThat(levels(namespace().type("quota-change"))).containsExactly("tenant-admin");
  }

  @Test
  void namespaceWithinQuotaIsPreApproved() {
    assertThat(levels(namespace())).isEmpty();
  }

  @Test
  void largeGpuVmOverQuotaListsEveryMatchingRuleInRuleOrder() {
    // duplicates stay: ResolveApprovers makes the levels distinct
    assertThat(levels(smallVm().gpus(2).vcpus(8).overQuota(true)))
        .containsExactly("dept-manager", "platform-ops", "platform-ops", "tenant-admin");
  }

  private List<String> levels(Request request) {
    return ApprovalInputs.levels(engine.getDecisionService(), request);
  }
}

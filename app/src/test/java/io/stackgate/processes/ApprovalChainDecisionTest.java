package io.stackgate.processes;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.DecisionService;
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
    DecisionService decisionService = engine.getDecisionService();
    return decisionService.evaluateDecisionByKey("approval-chain")
        .variables(request.variables)
        .evaluate()
        .collectEntries("level");
  }

  private static Request smallVm() {
    return new Request("vm").vcpus(4).memoryMiB(8192);
  }

  private static Request namespace() {
    return new Request("namespace").vcpus(0).memoryMiB(0);
  }

  /** The variables GatherApprovalInputs sets, with the values of a small request within quota of a default tenant. */
  private static final class Request {
    final Map<String, Object> variables = new HashMap<>();

    Request(String type) {
      type(type).gpus(0).monthlyCost(100.0).overQuota(false).orgUnit("engineering").smallVm(4, 8192)
          .nodePoolsNeedTenantAdmin(false);
      variables.put("costThreshold", 500.0);
    }

    Request type(String type) { variables.put("requestType", type); return this; }
    Request vcpus(int vcpus) { variables.put("vcpus", vcpus); return this; }
    Request memoryMiB(long memoryMiB) { variables.put("memoryMiB", memoryMiB); return this; }
    Request gpus(int gpus) { variables.put("gpus", gpus); return this; }
    Request monthlyCost(double cost) { variables.put("monthlyCost", cost); return this; }
    Request overQuota(boolean overQuota) { variables.put("overQuota", overQuota); return this; }
    Request orgUnit(String orgUnit) { variables.put("orgUnit", orgUnit); return this; }
    Request smallVm(int vcpus, long memoryMiB) {
      variables.put("smallVmVcpus", vcpus);
      variables.put("smallVmMemoryMiB", memoryMiB);
      return this;
    }
    Request nodePoolsNeedTenantAdmin(boolean need) { variables.put("nodePoolsNeedTenantAdmin", need); return this; }
  }
}

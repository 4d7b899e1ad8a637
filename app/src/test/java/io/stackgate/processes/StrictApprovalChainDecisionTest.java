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

/** The strict policy a tenant may choose ({@code processes/approval-chain-strict.dmn}). */
@Deployment(resources = "processes/approval-chain-strict.dmn")
class StrictApprovalChainDecisionTest {

  @RegisterExtension
  static ProcessEngineExtension engine = ProcessEngineExtension.builder().configurationResource("process-tests.camunda.cfg.xml").build();

  @Test
  void everySmallVmAlsoNeedsPlatformOps() {
    assertThat(levels(smallVm())).containsExactly("dept-manager", "platform-ops");
  }

  @Test
  void everyNodePoolAlsoNeedsPlatformOps() {
    assertThat(levels(smallVm().type("k8s-nodes"))).containsExactly("dept-manager", "platform-ops");
  }

  @Test
  void aNamespaceWithinQuotaNeedsTheDeptManager() {
    assertThat(levels(namespace())).containsExactly("dept-manager");
  }

  @Test
  void aQuotaChangeNeedsTheDeptManagerAndTheTenantAdmin() {
    assertThat(levels(namespace().type("quota-change"))).containsExactly("dept-manager", "tenant-admin");
  }

  @Test
  void theSharedRulesStillHold() {
    assertThat(levels(smallVm().vcpus(8).overQuota(true)))
        .containsExactly("dept-manager", "platform-ops", "platform-ops", "tenant-admin");
    assertThat(levels(namespace().monthlyCost(500.01))).containsExactly("dept-manager", "platform-ops");
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

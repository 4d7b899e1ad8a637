package io.stackgate.processes;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.DecisionService;

/** What the approval-chain decision tests hand the decision: the inputs GatherApprovalInputs sets. */
final class ApprovalInputs {

  private ApprovalInputs() {
  }

  /** The levels the deployed {@code approval-chain} decision chooses for the request, in rule order. */
  static List<String> levels(DecisionService decisions, Request request) {
    return decisions.evaluateDecisionByKey("approval-chain")
        .variables(request.variables)
        .evaluate()
        .collectEntries("level");
  }

  static Request smallVm() {
    return new Request("vm").vcpus(4).memoryMiB(8192);
  }

  static Request namespace() {
    return new Request("namespace").vcpus(0).memoryMiB(0);
  }

  /** The variables GatherApprovalInputs sets, with the values of a small request within quota of a default tenant. */
  static final class Request {
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

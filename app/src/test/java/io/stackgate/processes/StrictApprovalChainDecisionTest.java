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
    return ApprovalInputs.levels(engine.getDecisionService(), request);
  }
}

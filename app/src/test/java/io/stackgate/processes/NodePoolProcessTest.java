package io.stackgate.processes;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.engine.test.junit5.ProcessEngineExtension;
import org.camunda.bpm.engine.test.mock.Mocks;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * provision-k8s-nodes.bpmn over join-k8s-node.bpmn over provision-vm.bpmn, with recording delegates: every node joins
 * in parallel once its Node is Ready, and a node that fails — its VM, or its wait for Ready — is undone alone.
 */
@Deployment(resources = {"processes/provision-k8s-nodes.bpmn", "processes/join-k8s-node.bpmn",
    "processes/provision-vm.bpmn"})
class NodePoolProcessTest {

  static final List<String> STEPS = List.of("createVolumes", "ensureProjectNetwork", "defineDomain", "startDomain",
      "awaitRunning", "recordResource", "releasePlacement", "deleteVolumes", "releaseProjectNetwork",
      "undefineDomain", "markVmFailed", "labelAndTaintNode", "revokeBootstrapToken", "recordNodeJoined", "removeNodeVm",
      "markNodeFailed", "settleNodePool");

  @RegisterExtension
  static ProcessEngineExtension engine = ProcessEngineExtension.builder().configurationResource("process-tests.camunda.cfg.xml").build();

  private final List<String> trail = Collections.synchronizedList(new ArrayList<>());
  private RuntimeService runtime;
  private ManagementService management;

  @BeforeEach
  void recordingDelegates(ProcessEngine processEngine) {
    runtime = processEngine.getRuntimeService();
    management = processEngine.getManagementService();
    Mocks.register("provisioningSettings", Map.of("retryCycle", "R2/PT1S"));
    STEPS.forEach(step -> RecordingDelegate.register(step, execution -> trail.add(step + "#" + index(execution))));
    RecordingDelegate.register("checkNodePool", execution -> {
      execution.setVariable("nodeCount", 2);
      execution.setVariable("joinTimeout", "PT20M");
    });
    RecordingDelegate.register("createBootstrapToken", execution -> {
      trail.add("createBootstrapToken#" + index(execution));
      execution.setVariable("nodeName", "node-" + index(execution));
    });
    RecordingDelegate.register("reservePlacement", execution -> {
      trail.add("reservePlacement#" + index(execution));
      execution.setVariable("placed", true);
    });
  }

  @AfterEach
  void resetMocks() {
    Mocks.reset();
  }

  @Test
  void everyNodeJoinsOnceItsNodeIsReadyAndThenThePoolIsSettled() {
    ProcessInstance pool = runtime.startProcessInstanceByKey("provision-k8s-nodes", Map.of("requestId", "r-1"));
    runJobs();
    assertThat(trail).contains("recordResource#0", "recordResource#1").doesNotContain("labelAndTaintNode#0");

    ready("node-0");
    ready("node-1");
    runJobs();

    assertThat(trail).contains("labelAndTaintNode#0", "revokeBootstrapToken#0", "recordNodeJoined#0",
        "labelAndTaintNode#1", "revokeBootstrapToken#1", "recordNodeJoined#1", "settleNodePool#0")
        .noneMatch(step -> step.startsWith("markNodeFailed"));
    assertThat(ended(pool)).isTrue();
  }

  @Test
  void aNodeThatNeverBecomesReadyTimesOutAndOnlyItsVmAndTokenAreUndone() {
    ProcessInstance pool = runtime.startProcessInstanceByKey("provision-k8s-nodes", Map.of("requestId", "r-2"));
    runJobs();
    ready("node-0");
    runJobs();

    Job timeout = management.createJobQuery().timers().singleResult();
    management.executeJob(timeout.getId());
    runJobs();

    assertThat(trail).contains("recordNodeJoined#0", "removeNodeVm#1", "revokeBootstrapToken#1", "markNodeFailed#1",
        "settleNodePool#0").doesNotContain("removeNodeVm#0", "markNodeFailed#0", "recordNodeJoined#1");
    assertThat(trail.indexOf("removeNodeVm#1")).isLessThan(trail.indexOf("markNodeFailed#1"));
    assertThat(ended(pool)).isTrue();
  }

  @Test
  void aNodeWhoseVmFailsIsUndoneByItsOwnProvisioningAndLosesOnlyItsToken() {
    RecordingDelegate.register("startDomain", execution -> {
      trail.add("startDomain#" + index(execution));
      if (index(execution) == 1) {
        throw new BpmnError("provisioning-step-failed", "start domain failed: no bridge");
      }
    });
    ProcessInstance pool = runtime.startProcessInstanceByKey("provision-k8s-nodes", Map.of("requestId", "r-3"));
    runJobs();
    ready("node-0");
    runJobs();

    assertThat(trail).contains("undefineDomain#1", "markVmFailed#1", "revokeBootstrapToken#1", "markNodeFailed#1",
        "recordNodeJoined#0").doesNotContain("removeNodeVm#1", "undefineDomain#0", "markNodeFailed#0");
    assertThat(ended(pool)).isTrue();
  }

  private void ready(String node) {
    assertThat(runtime.createMessageCorrelation("k8s-node-ready").processInstanceVariableEquals("nodeName", node)
        .correlateAllWithResult()).hasSize(1);
  }

  /** Every due job, until none is left (timers wait for the tests). */
  private void runJobs() {
    for (int round = 0; round < 100; round++) {
      List<Job> jobs = management.createJobQuery().executable().list().stream()
          .filter(job -> management.createJobQuery().jobId(job.getId()).timers().count() == 0).toList();
      if (jobs.isEmpty()) {
        return;
      }
      jobs.forEach(job -> management.executeJob(job.getId()));
    }
    throw new AssertionError("jobs did not settle");
  }

  private boolean ended(ProcessInstance instance) {
    return runtime.createProcessInstanceQuery().processInstanceId(instance.getId()).count() == 0;
  }

  private static int index(DelegateExecution execution) {
    Object index = execution.getVariable("vmIndex");
    return index == null ? 0 : ((Number) index).intValue();
  }
}

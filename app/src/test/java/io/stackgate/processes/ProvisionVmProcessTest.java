package io.stackgate.processes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.camunda.bpm.engine.test.junit5.ProcessEngineExtension;
import org.camunda.bpm.engine.test.mock.Mocks;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** provision-vm.bpmn with recording delegates: the order of the steps, the wait for capacity, the compensation. */
@Deployment(resources = "processes/provision-vm.bpmn")
class ProvisionVmProcessTest {

  static final List<String> STEPS = List.of("reservePlacement", "createVolumes", "ensureProjectNetwork",
      "defineDomain", "startDomain", "awaitRunning", "recordResource");
  static final List<String> UNDO = List.of("releasePlacement", "deleteVolumes", "releaseProjectNetwork",
      "undefineDomain", "markVmFailed");

  @RegisterExtension
  static ProcessEngineExtension engine = ProcessEngineExtension.builder().configurationResource("process-tests.camunda.cfg.xml").build();

  private final List<String> trail = Collections.synchronizedList(new ArrayList<>());
  private final AtomicInteger placements = new AtomicInteger();
  private RecordingDelegate markVmFailed;

  @BeforeEach
  void recordingDelegates(ProcessEngine processEngine) {
    BpmnAwareTests.init(processEngine);
    Mocks.register("provisioningSettings", Map.of("retryCycle", "R2/PT1S"));
    STEPS.forEach(step -> RecordingDelegate.register(step, execution -> trail.add(step)));
    UNDO.forEach(step -> RecordingDelegate.register(step, execution -> trail.add(step)));
    placed();
  }

  @AfterEach
  void resetMocks() {
    Mocks.reset();
  }

  @Test
  void aPlacedVmPassesEveryStepInOrderAndEndsRunning() {
    ProcessInstance instance = start();

    runJobs(instance);

    assertThat(trail).containsExactlyElementsOf(STEPS);
    assertThat(instance).isEnded().hasPassed("VmRunning");
  }

  @Test
  void withoutCapacityTheVmWaitsOnATimerOfTheGivenBackOffAndTriesAgain() {
    RecordingDelegate.register("reservePlacement", execution -> {
      trail.add("reservePlacement");
      boolean room = placements.incrementAndGet() > 1;
      execution.setVariable("placed", room);
      execution.setVariable("placementRetryIn", "PT30S");
    });
    ProcessInstance instance = start();

    assertThat(instance).isWaitingAt("ReservePlacement");
    execute(job());

    assertThat(instance).isWaitingAt("WaitForCapacity");
    assertThat(job().getDuedate()).isAfter(new java.util.Date(System.currentTimeMillis() + 20_000));
    runJobs(instance);
    assertThat(trail).containsExactly("reservePlacement", "reservePlacement", "createVolumes", "ensureProjectNetwork",
        "defineDomain", "startDomain", "awaitRunning", "recordResource");
    assertThat(instance).isEnded().hasPassed("VmRunning");
  }

  @Test
  void aStepFailingForGoodUndoesTheCompletedStepsNewestFirstMarksTheVmFailedAndEndsWithProvisioningFailed() {
    RecordingDelegate.register("startDomain", execution -> {
      trail.add("startDomain");
      throw new BpmnError("provisioning-step-failed", "start domain failed: no bridge");
    });
    markVmFailed = RecordingDelegate.register("markVmFailed", execution -> trail.add("markVmFailed"));
    ProcessInstance instance = start();

    runJobs(instance);

    assertThat(trail).containsExactly("reservePlacement", "createVolumes", "ensureProjectNetwork", "defineDomain",
        "startDomain", "undefineDomain", "releaseProjectNetwork", "deleteVolumes", "releasePlacement", "markVmFailed");
    assertThat(markVmFailed.calls().get(0)).containsEntry("failureCause", "start domain failed: no bridge");
    assertThat(instance).isEnded().hasPassed("ProvisionVmFailed").hasNotPassed("VmRunning");
  }

  private void placed() {
    RecordingDelegate.register("reservePlacement", execution -> {
      trail.add("reservePlacement");
      execution.setVariable("placed", true);
    });
  }

  private ProcessInstance start() {
    return engine.getRuntimeService().startProcessInstanceByKey("provision-vm", "request-7",
        Map.of("requestId", "request-7"));
  }

  private void runJobs(ProcessInstance instance) {
    for (int round = 0; round < 20; round++) {
      var jobs = engine.getManagementService().createJobQuery().processInstanceId(instance.getId()).list();
      if (jobs.isEmpty()) {
        return;
      }
      jobs.forEach(job -> engine.getManagementService().executeJob(job.getId()));
    }
  }
}

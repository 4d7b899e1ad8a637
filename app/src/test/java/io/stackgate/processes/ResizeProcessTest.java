package io.stackgate.processes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.camunda.bpm.engine.test.junit5.ProcessEngineExtension;
import org.camunda.bpm.engine.test.mock.Mocks;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * resize-vm.bpmn with recording delegates: the guests are asked to shut down, the process looks again after a timer of
 * {@code shutdownPoll} until they stopped (or the timeout passed), then resizes; a step failing for good ends the
 * resize in provisioning-failed.
 */
@Deployment(resources = "processes/resize-vm.bpmn")
class ResizeProcessTest {

  @RegisterExtension
  static ProcessEngineExtension engine = ProcessEngineExtension.builder().configurationResource("process-tests.camunda.cfg.xml").build();

  private final List<String> trail = Collections.synchronizedList(new ArrayList<>());

  @BeforeEach
  void recordingDelegates(ProcessEngine processEngine) {
    BpmnAwareTests.init(processEngine);
    Mocks.register("provisioningSettings", Map.of("retryCycle", "R2/PT1S"));
    RecordingDelegate.register("shutDownGuests", execution -> {
      trail.add("shutDownGuests");
      execution.setVariable("shutdownPoll", "PT2S");
    });
    RecordingDelegate.register("resizeVms", execution -> trail.add("resizeVms"));
    guestsStopAfter(1);
  }

  @AfterEach
  void resetMocks() {
    Mocks.reset();
  }

  @Test
  void guestsThatStopAtOnceAreResizedWithoutWaiting() {
    ProcessInstance instance = start();

    execute(job());
    execute(job());
    execute(job());

    assertThat(trail).containsExactly("shutDownGuests", "checkGuestsStopped", "resizeVms");
    assertThat(instance).isEnded().hasPassed("VmsResized").hasNotPassed("WaitForShutdown");
  }

  @Test
  void guestsStillRunningAreLookedAtAgainAfterTheShutdownPollTimerUntilTheyStopped() {
    guestsStopAfter(3);
    ProcessInstance instance = start();
    execute(job()); // shut down guests
    execute(job()); // first look: still running

    assertThat(instance).isWaitingAt("WaitForShutdown");
    Job timer = engine.getManagementService().createJobQuery().processInstanceId(instance.getId()).timers().singleResult();
    long waitMillis = timer.getDuedate().getTime() - System.currentTimeMillis();
    assertThat(waitMillis).as("the timer waits shutdownPoll (PT2S)").isBetween(0L, 2_000L);

    execute(job()); // timer
    execute(job()); // second look: still running
    assertThat(instance).isWaitingAt("WaitForShutdown");
    execute(job()); // timer
    execute(job()); // third look: stopped
    execute(job()); // resize

    assertThat(trail).containsExactly("shutDownGuests", "checkGuestsStopped", "checkGuestsStopped",
        "checkGuestsStopped", "resizeVms");
    assertThat(instance).isEnded().hasPassed("WaitForShutdown", "VmsResized");
  }

  @Test
  void aResizeThatFailsForGoodEndsInProvisioningFailed() {
    RecordingDelegate.register("resizeVms", execution -> {
      throw new BpmnError("provisioning-step-failed", "resize VMs failed: no room");
    });
    ProcessInstance instance = start();

    execute(job());
    execute(job());
    execute(job());

    assertThat(instance).isEnded().hasPassed("ResizeVmFailed").hasNotPassed("VmsResized");
  }

  @Test
  void noRoomOnTheHostFailsTheResizeBeforeAnyWait() {
    RecordingDelegate.register("shutDownGuests", execution -> {
      throw new BpmnError("provisioning-step-failed", "shut down guests failed: no room");
    });
    ProcessInstance instance = start();

    execute(job());

    assertThat(instance).isEnded().hasPassed("ResizeVmFailed").hasNotPassed("CheckGuestsStopped", "VmsResized");
  }

  /** The check answers "stopped" on its {@code looks}-th call (the real one also does once the timeout passed). */
  private void guestsStopAfter(int looks) {
    int[] calls = {0};
    RecordingDelegate.register("checkGuestsStopped", execution -> {
      trail.add("checkGuestsStopped");
      execution.setVariable("guestsStopped", ++calls[0] >= looks);
    });
  }

  private ProcessInstance start() {
    ProcessInstance instance = engine.getRuntimeService().startProcessInstanceByKey("resize-vm", "request-9",
        Map.of("requestId", "request-9"));
    assertThat(instance).isStarted();
    return instance;
  }
}

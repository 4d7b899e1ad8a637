package io.stackgate.processes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.ProcessEngine;
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
 * The day-2 processes decommission.bpmn and renew-lease.bpmn: each step a retried job; a decommission step that keeps
 * failing stops the process with an incident (resize-vm.bpmn has its own {@link ResizeProcessTest}).
 */
@Deployment(resources = {"processes/decommission.bpmn", "processes/renew-lease.bpmn"})
class DayTwoProcessesTest {

  @RegisterExtension
  static ProcessEngineExtension engine = ProcessEngineExtension.builder().configurationResource("process-tests.camunda.cfg.xml").build();

  private final List<String> trail = Collections.synchronizedList(new ArrayList<>());

  @BeforeEach
  void recordingDelegates(ProcessEngine processEngine) {
    BpmnAwareTests.init(processEngine);
    Mocks.register("provisioningSettings", Map.of("retryCycle", "R2/PT1S"));
    List.of("removeVms", "releaseDecommissionedQuota", "extendLease")
        .forEach(step -> RecordingDelegate.register(step, execution -> trail.add(step)));
    RecordingDelegate.register("prepareRemoval", execution -> {
      trail.add("prepareRemoval");
      execution.setVariable("removalReady", true);
    });
  }

  @AfterEach
  void resetMocks() {
    Mocks.reset();
  }

  @Test
  void aDecommissionRemovesTheVmsThenReleasesTheQuota() {
    ProcessInstance instance = start("decommission");

    execute(job());
    execute(job());
    execute(job());

    assertThat(trail).containsExactly("prepareRemoval", "removeVms", "releaseDecommissionedQuota");
    assertThat(instance).isEnded().hasPassed("DecommissionDone");
  }

  @Test
  void aDrainThatIsNotDoneWaitsOnItsTimerAndTriesAgainBeforeAnythingIsRemoved() {
    List<Boolean> answers = new ArrayList<>(List.of(false, false, true));
    RecordingDelegate.register("prepareRemoval", execution -> {
      trail.add("prepareRemoval");
      boolean ready = answers.remove(0);
      execution.setVariable("removalReady", ready);
      execution.setVariable("removalRetryIn", ready ? "PT0S" : "PT10S");
    });
    ProcessInstance instance = start("decommission");

    execute(job());
    assertThat(instance).isWaitingAt("WaitForEvictions");
    assertThat(trail).doesNotContain("removeVms");
    execute(job()); // the timer
    execute(job()); // the second drain round: still not done
    assertThat(instance).isWaitingAt("WaitForEvictions");
    execute(job());
    execute(job());
    execute(job());
    execute(job());

    assertThat(trail).containsExactly("prepareRemoval", "prepareRemoval", "prepareRemoval", "removeVms",
        "releaseDecommissionedQuota");
    assertThat(instance).isEnded();
  }

  @Test
  void aRemovalThatKeepsFailingLeavesAnIncidentAndFreesNoQuota() {
    RecordingDelegate.register("removeVms", execution -> {
      throw new IllegalStateException("host kvm-1 does not answer");
    });
    ProcessInstance instance = start("decommission");
    execute(job()); // drained

    for (int attempt = 0; attempt < 2; attempt++) {
      String job = job().getId();
      assertThatThrownBy(() -> engine.getManagementService().executeJob(job)).hasMessageContaining("does not answer");
    }

    assertThat(job().getRetries()).isZero();
    assertThat(engine.getRuntimeService().createIncidentQuery().processInstanceId(instance.getId()).count()).isEqualTo(1);
    assertThat(trail).doesNotContain("releaseDecommissionedQuota");
    assertThat(instance).isNotEnded();
  }

  @Test
  void anApprovedRenewalExtendsTheLease() {
    ProcessInstance instance = start("renew-lease");

    execute(job());

    assertThat(trail).containsExactly("extendLease");
    assertThat(instance).isEnded().hasPassed("LeaseExtended");
  }

  private ProcessInstance start(String process) {
    ProcessInstance instance = engine.getRuntimeService().startProcessInstanceByKey(process, "request-9",
        Map.of("requestId", "request-9"));
    assertThat(instance).isStarted();
    return instance;
  }
}

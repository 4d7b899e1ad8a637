package io.stackgate.processes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;

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

@Deployment(resources = "processes/apply-quota-change.bpmn")
class ApplyQuotaChangeProcessTest {

  @RegisterExtension
  static ProcessEngineExtension engine = ProcessEngineExtension.builder().configurationResource("process-tests.camunda.cfg.xml").build();

  private RecordingDelegate applyQuotaChange;

  @BeforeEach
  void fakeDelegates(ProcessEngine processEngine) {
    BpmnAwareTests.init(processEngine);
    applyQuotaChange = RecordingDelegate.register("applyQuotaChange");
  }

  @AfterEach
  void resetMocks() {
    Mocks.reset();
  }

  @Test
  void approvedQuotaChangeIsAppliedInItsOwnTransactionAndEnds() {
    ProcessInstance instance = engine.getRuntimeService().startProcessInstanceByKey(
        "apply-quota-change", "request-7", Map.of("requestId", "request-7"));
    assertThat(instance).isWaitingAt("ApplyQuotaChange");
    assertThat(applyQuotaChange.callCount()).isZero();

    execute(job());

    assertThat(applyQuotaChange.callCount()).isEqualTo(1);
    assertThat(applyQuotaChange.calls().get(0)).containsEntry("requestId", "request-7");
    assertThat(instance).hasPassed("ApplyQuotaChange", "QuotaChangeApplied").isEnded();
  }
}

package io.stackgate.processes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;

import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.camunda.bpm.engine.test.junit5.ProcessEngineExtension;
import org.camunda.bpm.engine.test.mock.Mocks;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The provisioning processes that later issues implement: until then each one stops at
 * "Not implemented yet" with an incident for operators, never a fake success.
 */
@Deployment(resources = "processes/provision-k8s-nodes.bpmn")
class ProvisioningStubsProcessTest {

  @RegisterExtension
  static ProcessEngineExtension engine = ProcessEngineExtension.builder().configurationResource("process-tests.camunda.cfg.xml").build();

  private RecordingDelegate provisioningNotImplemented;

  @BeforeEach
  void fakeDelegates(ProcessEngine processEngine) {
    BpmnAwareTests.init(processEngine);
    // like the real bean: fails with "<process id> is not implemented yet"
    provisioningNotImplemented = RecordingDelegate.register("provisioningNotImplemented", execution -> {
      String processId = execution.getProcessEngineServices().getRepositoryService()
          .getProcessDefinition(execution.getProcessDefinitionId()).getKey();
      throw new UnsupportedOperationException(processId + " is not implemented yet");
    });
  }

  @AfterEach
  void resetMocks() {
    Mocks.reset();
  }

  @ParameterizedTest
  @ValueSource(strings = {"provision-k8s-nodes"})
  void firstFailureOfNotImplementedYetLeavesAnIncidentAndTheProcessOpen(String processId) {
    ProcessInstance instance = engine.getRuntimeService().startProcessInstanceByKey(
        processId, "request-42", Map.of("requestId", "request-42"));
    assertThat(instance).isWaitingAt("NotImplementedYet");

    Job job = job();
    assertThatThrownBy(() -> engine.getManagementService().executeJob(job.getId()))
        .hasMessageContaining(processId + " is not implemented yet");

    assertThat(provisioningNotImplemented.callCount()).isEqualTo(1);
    assertThat(job().getRetries()).isZero();
    List<Incident> incidents = engine.getRuntimeService().createIncidentQuery()
        .processInstanceId(instance.getId()).list();
    assertThat(incidents).singleElement().satisfies(incident -> {
      assertThat(incident.getIncidentType()).isEqualTo(Incident.FAILED_JOB_HANDLER_TYPE);
      assertThat(incident.getActivityId()).isEqualTo("NotImplementedYet");
      assertThat(incident.getIncidentMessage()).contains("not implemented yet");
    });
    assertThat(instance).isNotEnded().hasNotPassed("NotImplementedYet");
  }
}

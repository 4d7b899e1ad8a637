package io.stackgate.processes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.taskQuery;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.repository.Deployment;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.camunda.bpm.engine.test.junit5.ProcessEngineExtension;
import org.camunda.bpm.engine.test.mock.Mocks;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code processes/resource-request.bpmn} with the real approval-chain decision (it picks the
 * path), fake delegates and stand-in provisioning processes, all deployed for tenant "acme".
 */
class ResourceRequestProcessTest {

  private static final String TENANT = "acme";
  private static final String REQUEST_ID = "req-0001";
  private static final Date DUE = Date.from(Instant.parse("2030-01-02T09:00:00Z"));

  @RegisterExtension
  static ProcessEngineExtension engine = ProcessEngineExtension.builder().configurationResource("process-tests.camunda.cfg.xml").build();

  private final List<String> deployments = new ArrayList<>();
  /** What GatherApprovalInputs "finds" in the request; each test describes its request. */
  private final Map<String, Object> validated = new HashMap<>();

  private RecordingDelegate gatherApprovalInputs;
  private RecordingDelegate resolveApprovers;
  private RecordingDelegate prepareApprovalLevel;
  private RecordingDelegate escalateApproval;
  private RecordingDelegate markApproved;
  private RecordingDelegate startProvisioning;
  private RecordingDelegate completeRequest;
  private RecordingDelegate notifyRequester;
  private RecordingDelegate rejectRequest;
  private RecordingDelegate failRequest;
  private RecordingDelegate cancelRequest;

  @BeforeEach
  void fakeDelegates(ProcessEngine processEngine) {
    BpmnAwareTests.init(processEngine);
    gatherApprovalInputs = RecordingDelegate.register("gatherApprovalInputs", execution -> execution.setVariables(validated));
    resolveApprovers = RecordingDelegate.register("resolveApprovers", execution -> {
      @SuppressWarnings("unchecked")
      List<String> levels = (List<String>) execution.getVariable("approvalLevels");
      List<String> steps = new ArrayList<>(levels.stream().distinct().toList());
      execution.setVariable("approvalSteps", steps);
      execution.setVariable("approvalNeeded", !steps.isEmpty());
    });
    prepareApprovalLevel = RecordingDelegate.register("prepareApprovalLevel", execution -> {
      execution.setVariableLocal("candidateGroup", TENANT + "-" + execution.getVariable("level"));
      execution.setVariableLocal("sla", "PT24H");
      execution.setVariableLocal("dueDate", DUE);
    });
    escalateApproval = RecordingDelegate.register("escalateApproval", execution -> {
      var taskService = execution.getProcessEngineServices().getTaskService();
      Task pending = taskService.createTaskQuery().processInstanceId(execution.getProcessInstanceId())
          .taskDefinitionKey("ApproveLevel").singleResult();
      taskService.addCandidateGroup(pending.getId(), TENANT + "-platform-ops");
    });
    markApproved = RecordingDelegate.register("markApproved", execution -> execution.setVariable(
        "provisioningProcess", "provision-" + execution.getVariable("requestType")));
    startProvisioning = RecordingDelegate.register("startProvisioning");
    completeRequest = RecordingDelegate.register("completeRequest");
    notifyRequester = RecordingDelegate.register("notifyRequester");
    rejectRequest = RecordingDelegate.register("rejectRequest");
    failRequest = RecordingDelegate.register("failRequest");
    cancelRequest = RecordingDelegate.register("cancelRequest");
    RecordingDelegate.register("markPendingApproval");
  }

  @AfterEach
  void cleanUp() {
    Mocks.reset();
    deployments.forEach(id -> engine.getRepositoryService().deleteDeployment(id, true));
  }

  @Test
  void smallVmIsApprovedByTheDeptManagerAndProvisioned() {
    deploy(provisioningThatSucceeds("provision-vm"));
    ProcessInstance request = submit(smallVm());

    assertThat(request).isWaitingAt("ApproveLevel");
    Task task = task(request);
    assertThat(task.getName()).isEqualTo("Approve dept-manager");
    assertThat(task.getTenantId()).isEqualTo(TENANT);
    assertThat(task.getDueDate()).isEqualTo(DUE);
    assertThat(candidateGroups(task)).containsExactly("acme-dept-manager");

    decide(task, true);
    assertThat(request).isWaitingAt("Provision");
    execute(job());

    assertThat(request).hasPassed("MarkApproved", "StartProvisioning", "Provision", "CompleteRequest",
        "NotifyRequesterCompleted", "RequestCompleted").isEnded();
    assertThat(provisioningOf(request).getProcessDefinitionKey()).isEqualTo("provision-vm");
    assertThat(provisioningOf(request).getBusinessKey()).isEqualTo(REQUEST_ID);
    assertThat(provisioningOf(request).getTenantId()).isEqualTo(TENANT);
    assertCalledOnce(gatherApprovalInputs, resolveApprovers, prepareApprovalLevel, markApproved, startProvisioning,
        completeRequest, notifyRequester);
    assertNeverCalled(escalateApproval, rejectRequest, failRequest, cancelRequest);
  }

  @Test
  void gpuVmNeedsDeptManagerThenPlatformOps() {
    deploy(provisioningThatSucceeds("provision-vm"));
    ProcessInstance request = submit(smallVm().with("gpus", 1));

    Task first = task(request);
    assertThat(first.getName()).isEqualTo("Approve dept-manager");
    assertThat(candidateGroups(first)).containsExactly("acme-dept-manager");
    decide(first, true);
    assertThat(engine.getRuntimeService().getVariableLocal(request.getId(), "approved")).isEqualTo(true);

    Task second = task(request);
    assertThat(second.getName()).isEqualTo("Approve platform-ops");
    assertThat(candidateGroups(second)).containsExactly("acme-platform-ops");
    decide(second, true);
    execute(job());

    assertThat(request).hasPassed("RequestCompleted").isEnded();
    assertThat(prepareApprovalLevel.calls()).extracting(call -> call.get("level"))
        .containsExactly("dept-manager", "platform-ops");
    assertCalledOnce(markApproved, startProvisioning, completeRequest, notifyRequester);
    assertNeverCalled(rejectRequest, failRequest);
  }

  @Test
  void rejectAtSecondLevelEndsTheRequestAndRunsRejectRequest() {
    deploy(provisioningThatSucceeds("provision-vm"));
    // three levels: dept-manager, platform-ops (GPU), tenant-admin (over quota)
    ProcessInstance request = submit(smallVm().with("gpus", 1).with("overQuota", true));
    assertThat(resolveApprovers.calls().get(0).get("approvalLevels"))
        .isEqualTo(List.of("dept-manager", "platform-ops", "tenant-admin"));

    decide(task(request), true);
    Task second = task(request);
    assertThat(second.getName()).isEqualTo("Approve platform-ops");
    decide(second, false);

    assertThat(request).hasPassed("RejectRequest", "NotifyRequesterRejected", "RequestRejected").isEnded();
    assertThat(request).hasNotPassed("MarkApproved", "Provision");
    assertThat(engine.getHistoryService().createHistoricTaskInstanceQuery()
        .processInstanceId(request.getId()).count()).isEqualTo(2);
    assertThat(prepareApprovalLevel.callCount()).isEqualTo(2);
    assertCalledOnce(rejectRequest, notifyRequester);
    assertNeverCalled(markApproved, startProvisioning, completeRequest, failRequest);
    assertThat(engine.getHistoryService().createHistoricProcessInstanceQuery()
        .superProcessInstanceId(request.getId()).count()).isZero();
  }

  @Test
  void slaTimerEscalatesTheLevelAndKeepsTheTask() {
    deploy(provisioningThatSucceeds("provision-vm"));
    ProcessInstance request = submit(smallVm());
    Task task = task(request);
    assertThat(job("SlaExpired").getDuedate()).isAfter(Date.from(Instant.now().plus(23, ChronoUnit.HOURS)));

    execute(job("SlaExpired"));

    assertThat(escalateApproval.callCount()).isEqualTo(1);
    assertThat(escalateApproval.calls().get(0))
        .containsEntry("level", "dept-manager")
        .containsEntry("candidateGroup", "acme-dept-manager");
    assertThat(request).hasPassed("SlaExpired", "EscalateApproval", "ApprovalEscalated").isWaitingAt("ApproveLevel");
    assertThat(task(request).getId()).isEqualTo(task.getId());
    assertThat(candidateGroups(task)).containsExactlyInAnyOrder("acme-dept-manager", "acme-platform-ops");

    decide(task, true);
    execute(job());
    assertThat(request).hasPassed("RequestCompleted").isEnded();
  }

  @Test
  void cancelWhilePendingRunsCancelRequestAndEndsTheInstance() {
    deploy(provisioningThatSucceeds("provision-vm"));
    ProcessInstance request = submit(smallVm());
    assertThat(request).isWaitingAt("ApproveLevel");

    engine.getRuntimeService().createMessageCorrelation("cancel-request")
        .processInstanceBusinessKey(REQUEST_ID)
        .correlate();

    assertThat(request).hasPassed("CancelRequested", "CancelRequest", "RequestCancelled").isEnded();
    assertThat(taskQuery().processInstanceId(request.getId()).count()).isZero();
    assertThat(engine.getManagementService().createJobQuery().processInstanceId(request.getId()).count()).isZero();
    assertCalledOnce(cancelRequest);
    assertNeverCalled(markApproved, rejectRequest, notifyRequester);
  }

  @Test
  void preApprovedNamespaceSkipsApproval() {
    deploy(provisioningThatSucceeds("provision-namespace"));
    ProcessInstance request = submit(namespace());

    assertThat(request).isWaitingAt("Provision");
    execute(job());

    assertThat(request).hasPassed("ApprovalNeeded", "MarkApproved", "Provision", "RequestCompleted").isEnded();
    assertThat(request).hasNotPassed("Approval", "ApproveLevel");
    assertThat(provisioningOf(request).getProcessDefinitionKey()).isEqualTo("provision-namespace");
    assertNeverCalled(prepareApprovalLevel);
    assertCalledOnce(markApproved, startProvisioning, completeRequest, notifyRequester);
  }

  @Test
  void provisioningFailureRunsFailRequest() {
    deploy(provisioningThatFails("provision-vm"));
    ProcessInstance request = submit(smallVm());
    decide(task(request), true);

    execute(job());

    assertThat(request).hasPassed("Provision", "ProvisioningFailed", "FailRequest", "RequestFailed").isEnded();
    assertThat(request).hasNotPassed("CompleteRequest", "RequestCompleted");
    assertCalledOnce(failRequest);
    assertNeverCalled(completeRequest, notifyRequester);
  }

  // --- requests ---

  private Request smallVm() {
    return new Request("vm", 2, 4096);
  }

  private Request namespace() {
    return new Request("namespace", 0, 0);
  }

  /** Fills what GatherApprovalInputs "finds": a request within quota and under the cost threshold. */
  private final class Request {
    Request(String type, int vcpus, long memoryMiB) {
      with("requestType", type).with("vcpus", vcpus).with("memoryMiB", memoryMiB).with("gpus", 0)
          .with("monthlyCost", 40.0).with("costThreshold", 500.0).with("overQuota", false)
          .with("orgUnit", "engineering");
    }

    Request with(String variable, Object value) {
      validated.put(variable, value);
      return this;
    }
  }

  private ProcessInstance submit(Request request) {
    return engine.getRuntimeService().createProcessInstanceByKey("resource-request")
        .processDefinitionTenantId(TENANT)
        .businessKey(REQUEST_ID)
        .setVariables(Variables.createVariables().putValue("requestId", REQUEST_ID).putValue("requester", "alice"))
        .execute();
  }

  private void decide(Task task, boolean approved) {
    engine.getTaskService().complete(task.getId(), Variables.createVariables().putValue("approved", approved));
  }

  // --- deployment ---

  private void deploy(BpmnModelInstance provisioning) {
    Deployment deployment = engine.getRepositoryService().createDeployment()
        .name("resource-request for " + TENANT)
        .tenantId(TENANT)
        .addClasspathResource("processes/resource-request.bpmn")
        .addClasspathResource("processes/approval-chain.dmn")
        .addModelInstance(provisioningId(provisioning) + ".bpmn", provisioning)
        .deploy();
    deployments.add(deployment.getId());
  }

  private static String provisioningId(BpmnModelInstance provisioning) {
    return provisioning.getModelElementsByType(Process.class).iterator().next().getId();
  }

  private static BpmnModelInstance provisioningThatSucceeds(String processId) {
    return Bpmn.createExecutableProcess(processId).camundaHistoryTimeToLiveString("P180D")
        .startEvent("ProvisioningStarted").endEvent("Provisioned").done();
  }

  private static BpmnModelInstance provisioningThatFails(String processId) {
    return Bpmn.createExecutableProcess(processId).camundaHistoryTimeToLiveString("P180D")
        .startEvent("ProvisioningStarted").endEvent("ProvisioningFailed").error("provisioning-failed").done();
  }

  // --- assertions ---

  private HistoricProcessInstance provisioningOf(ProcessInstance request) {
    return engine.getHistoryService().createHistoricProcessInstanceQuery()
        .superProcessInstanceId(request.getId()).singleResult();
  }

  private List<String> candidateGroups(Task task) {
    return engine.getTaskService().getIdentityLinksForTask(task.getId()).stream()
        .filter(link -> IdentityLinkType.CANDIDATE.equals(link.getType()))
        .map(IdentityLink::getGroupId)
        .toList();
  }

  private static void assertCalledOnce(RecordingDelegate... delegates) {
    for (RecordingDelegate delegate : delegates) {
      assertThat(delegate.callCount()).isEqualTo(1);
    }
  }

  private static void assertNeverCalled(RecordingDelegate... delegates) {
    for (RecordingDelegate delegate : delegates) {
      assertThat(delegate.callCount()).isZero();
    }
  }
}

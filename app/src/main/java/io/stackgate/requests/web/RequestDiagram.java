package io.stackgate.requests.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.stackgate.identity.Caller;
import io.stackgate.identity.EngineAuthentication;
import io.stackgate.requests.ResourceRequest;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.springframework.stereotype.Component;

/**
 * A request's process as a diagram can show it: the deployed BPMN of its process instance and of every process it
 * called (provisioning), each with the state of its activities from the engine's history, so it answers after the
 * instance has ended too.
 */
@Component
class RequestDiagram {

    /** How deep called processes are followed (request → provision-k8s-nodes → provision-vm → …). */
    private static final int MAX_DEPTH = 4;

    enum ActivityState { COMPLETED, ACTIVE, CANCELED }

    /** One activity instance; {@code endTime} is null while it is active. */
    record Activity(String activityId, String activityName, String activityType, ActivityState state,
            Instant startTime, Instant endTime) {
    }

    /**
     * A process the request's process (or one it called) started through a call activity.
     *
     * @param activityId the call activity that started it
     */
    record CalledProcess(String activityId, String processInstanceId, String processDefinitionKey,
            String processDefinitionId, String bpmnXml, List<Activity> activities) {
    }

    /** @param processDefinitionKey null (and the rest empty) while the request has no process instance */
    record Diagram(String requestId, String processInstanceId, String processDefinitionKey, String processDefinitionId,
            String bpmnXml, List<Activity> activities, List<CalledProcess> calledProcesses) {
    }

    private final HistoryService history;
    private final RepositoryService repository;
    private final EngineAuthentication engine;

    RequestDiagram(HistoryService history, RepositoryService repository, EngineAuthentication engine) {
        this.history = history;
        this.repository = repository;
        this.engine = engine;
    }

    Diagram of(Caller caller, ResourceRequest request) {
        if (request.processInstanceId() == null) {
            return new Diagram(request.id(), null, null, null, null, List.of(), List.of());
        }
        return engine.as(caller, () -> read(request));
    }

    private Diagram read(ResourceRequest request) {
        HistoricProcessInstance instance = history.createHistoricProcessInstanceQuery()
                .processInstanceId(request.processInstanceId()).singleResult();
        if (instance == null) {
            return new Diagram(request.id(), request.processInstanceId(), null, null, null, List.of(), List.of());
        }
        Map<String, String> models = new HashMap<>();
        List<HistoricActivityInstance> activities = activitiesOf(instance.getId());
        List<CalledProcess> called = new ArrayList<>();
        collectCalled(activities, models, called, 1);
        return new Diagram(request.id(), instance.getId(), instance.getProcessDefinitionKey(),
                instance.getProcessDefinitionId(), model(instance.getProcessDefinitionId(), models),
                activities.stream().map(RequestDiagram::activity).toList(), called);
    }

    private void collectCalled(List<HistoricActivityInstance> activities, Map<String, String> models,
            List<CalledProcess> called, int depth) {
        for (HistoricActivityInstance activity : activities) {
            if (activity.getCalledProcessInstanceId() == null || depth > MAX_DEPTH) {
                continue;
            }
            HistoricProcessInstance instance = history.createHistoricProcessInstanceQuery()
                    .processInstanceId(activity.getCalledProcessInstanceId()).singleResult();
            if (instance == null) {
                continue;
            }
            List<HistoricActivityInstance> inner = activitiesOf(instance.getId());
            called.add(new CalledProcess(activity.getActivityId(), instance.getId(), instance.getProcessDefinitionKey(),
                    instance.getProcessDefinitionId(), model(instance.getProcessDefinitionId(), models),
                    inner.stream().map(RequestDiagram::activity).toList()));
            collectCalled(inner, models, called, depth + 1);
        }
    }

    private List<HistoricActivityInstance> activitiesOf(String processInstanceId) {
        return history.createHistoricActivityInstanceQuery().processInstanceId(processInstanceId)
                .orderByHistoricActivityInstanceStartTime().asc().orderPartiallyByOccurrence().asc().list();
    }

    private String model(String processDefinitionId, Map<String, String> models) {
        return models.computeIfAbsent(processDefinitionId, id -> {
            try (InputStream xml = repository.getProcessModel(id)) {
                return new String(xml.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the model of " + id, e);
            }
        });
    }

    private static Activity activity(HistoricActivityInstance a) {
        ActivityState state = a.getEndTime() == null ? ActivityState.ACTIVE
                : a.isCanceled() ? ActivityState.CANCELED : ActivityState.COMPLETED;
        return new Activity(a.getActivityId(), a.getActivityName(), a.getActivityType(), state, instant(a.getStartTime()),
                instant(a.getEndTime()));
    }

    private static Instant instant(Date date) {
        return date == null ? null : date.toInstant();
    }
}

package io.stackgate.requests.process;

import java.io.InputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.stackgate.requests.RequestSpec;
import io.stackgate.requests.RequestType;
import io.stackgate.tenancy.ApprovalPolicy;
import io.stackgate.tenancy.Tenant;
import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.DecisionDefinition;
import org.springframework.stereotype.Component;

/**
 * The tenant's approval chain: the facts it decides on (what "Gather approval inputs" hands the process) and, for a
 * preview, the decision itself evaluated outside the engine. The preview reads the very decision definition the
 * request process would call (the tenant's latest {@value ProcessDeployment#APPROVAL_CHAIN}) and evaluates it on a
 * stand-alone DMN engine, so nothing is written: no historic decision instance, no process.
 */
@Component
public class ApprovalChain {

    private final RepositoryService repository;
    private final DmnEngine dmn = DmnEngineConfiguration.createDefaultDmnEngineConfiguration().buildEngine();
    /** Parsed decisions by decision definition id (a deployed definition never changes). */
    private final Map<String, DmnDecision> parsed = new ConcurrentHashMap<>();

    ApprovalChain(RepositoryService repository) {
        this.repository = repository;
    }

    /**
     * The approval chain's inputs for a request: the request's facts and the tenant's (small-VM thresholds, cost
     * threshold, units whose node pools the tenant admin approves), so one decision table serves every tenant.
     */
    public static Map<String, Object> inputs(Tenant tenant, RequestType type, RequestSpec spec, BigDecimal monthlyCost,
            boolean overQuota, String orgUnit) {
        RequestSpec.Sizing size = spec.sizing();
        ApprovalPolicy policy = tenant.approval();
        Map<String, Object> inputs = new HashMap<>();
        inputs.put("requestType", type.id());
        inputs.put("vcpus", size.vcpus());
        inputs.put("memoryMiB", size.memoryMiB());
        inputs.put("gpus", size.gpus());
        inputs.put("monthlyCost", monthlyCost.doubleValue());
        inputs.put("costThreshold", policy.costThreshold().doubleValue());
        inputs.put("overQuota", overQuota);
        inputs.put("orgUnit", orgUnit);
        inputs.put("smallVmVcpus", policy.smallVmVcpus());
        inputs.put("smallVmMemoryMiB", policy.smallVmMemoryMiB());
        inputs.put("nodePoolsNeedTenantAdmin", policy.tenantAdminApprovesNodePoolsOf().contains(orgUnit));
        return inputs;
    }

    /**
     * The distinct levels, in chain order, that the tenant's deployed decision names for these inputs (empty:
     * pre-approved), as "Resolve approvers" would walk them.
     */
    public List<String> levels(String tenantId, Map<String, Object> inputs) {
        DecisionDefinition definition = repository.createDecisionDefinitionQuery()
                .decisionDefinitionKey(ProcessDeployment.APPROVAL_CHAIN).tenantIdIn(tenantId).latestVersion()
                .singleResult();
        if (definition == null) {
            throw new IllegalStateException("no approval chain is deployed for tenant " + tenantId);
        }
        DmnDecision decision = parsed.computeIfAbsent(definition.getId(), id -> parse(definition));
        List<String> levels = new ArrayList<>();
        dmn.evaluateDecisionTable(decision, inputs).forEach(rule -> levels.add(rule.getSingleEntry()));
        return List.copyOf(new LinkedHashSet<>(levels));
    }

    private DmnDecision parse(DecisionDefinition definition) {
        try (InputStream model = repository.getDecisionModel(definition.getId())) {
            return dmn.parseDecision(definition.getKey(), model);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the decision " + definition.getId(), e);
        }
    }
}

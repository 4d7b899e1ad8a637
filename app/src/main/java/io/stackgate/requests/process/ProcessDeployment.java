package io.stackgate.requests.process;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Set;

import io.stackgate.tenancy.ApprovalPolicy;
import io.stackgate.tenancy.Tenants;
import io.stackgate.tenancy.TenantsConfigReloaded;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.DeploymentBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.core.io.support.ResourcePatternResolver;
import org.springframework.stereotype.Component;

/**
 * Deploys {@code processes/} once per tenant (tenant-aware deployments), so every instance, task and
 * decision carries its tenant id. Of the approval-chain decisions (the DMN files whose decision is
 * {@value #APPROVAL_CHAIN}), each tenant gets the one its policy names ({@code approval.decision}, by default
 * {@code approval-chain.dmn}). Unchanged resources are not deployed again.
 */
@Component
class ProcessDeployment {

    static final String DEPLOYMENT_NAME = "stackgate-processes";
    /** The decision the request process calls; several files may define it, one per policy. */
    static final String APPROVAL_CHAIN = "approval-chain";
    private static final Logger log = LoggerFactory.getLogger(ProcessDeployment.class);

    private final RepositoryService repository;
    private final Tenants tenants;
    private final ResourcePatternResolver resolver = new PathMatchingResourcePatternResolver();

    ProcessDeployment(RepositoryService repository, Tenants tenants) {
        this.repository = repository;
        this.tenants = tenants;
    }

    @EventListener
    void on(TenantsConfigReloaded reloaded) {
        deploy(reloaded.tenantIds());
    }

    void deploy(Set<String> tenantIds) {
        Resource[] resources = processResources();
        for (String tenantId : tenantIds) {
            String decision = tenants.find(tenantId).map(t -> t.approval().decision())
                    .orElse(ApprovalPolicy.DEFAULT_DECISION);
            DeploymentBuilder deployment = repository.createDeployment()
                    .name(DEPLOYMENT_NAME)
                    .tenantId(tenantId)
                    .source("stackgate")
                    .enableDuplicateFiltering(true);
            for (Resource resource : resources) {
                byte[] content = read(resource);
                if (isApprovalChain(content) && !decision.equals(resource.getFilename())) {
                    continue; // another tenant's policy
                }
                deployment.addInputStream(resource.getFilename(), new ByteArrayInputStream(content));
            }
            String id = deployment.deploy().getId();
            log.info("processes deployed for tenant {} with decision {} (deployment {})", tenantId, decision, id);
        }
    }

    private static byte[] read(Resource resource) {
        try (InputStream in = resource.getInputStream()) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read process resource " + resource, e);
        }
    }

    private static boolean isApprovalChain(byte[] content) {
        return new String(content, StandardCharsets.UTF_8).contains("<decision id=\"" + APPROVAL_CHAIN + "\"");
    }

    private Resource[] processResources() {
        try {
            Resource[] bpmn = resolver.getResources("classpath*:processes/*.bpmn");
            Resource[] dmn = resolver.getResources("classpath*:processes/*.dmn");
            Resource[] all = new Resource[bpmn.length + dmn.length];
            System.arraycopy(bpmn, 0, all, 0, bpmn.length);
            System.arraycopy(dmn, 0, all, bpmn.length, dmn.length);
            return all;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list processes/", e);
        }
    }
}

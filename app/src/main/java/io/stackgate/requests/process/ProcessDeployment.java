package io.stackgate.requests.process;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Set;

import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.DeploymentBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.core.io.support.ResourcePatternResolver;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import io.stackgate.tenancy.TenantsConfigReloaded;

/**
 * Deploys {@code processes/} once per tenant (tenant-aware deployments), so every instance, task and
 * decision carries its tenant id. Unchanged resources are not deployed again.
 */
@Component
class ProcessDeployment {

    static final String DEPLOYMENT_NAME = "stackgate-processes";
    private static final Logger log = LoggerFactory.getLogger(ProcessDeployment.class);

    private final RepositoryService repository;
    private final ResourcePatternResolver resolver = new PathMatchingResourcePatternResolver();

    ProcessDeployment(RepositoryService repository) {
        this.repository = repository;
    }

    @EventListener
    void on(TenantsConfigReloaded reloaded) {
        deploy(reloaded.tenantIds());
    }

    void deploy(Set<String> tenantIds) {
        Resource[] resources = processResources();
        for (String tenantId : tenantIds) {
            DeploymentBuilder deployment = repository.createDeployment()
                    .name(DEPLOYMENT_NAME)
                    .tenantId(tenantId)
                    .source("stackgate")
                    .enableDuplicateFiltering(true);
            for (Resource resource : resources) {
                try (InputStream in = resource.getInputStream()) {
                    deployment.addInputStream(resource.getFilename(), in);
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot read process resource " + resource, e);
                }
            }
            String id = deployment.deploy().getId();
            log.info("processes deployed for tenant {} (deployment {})", tenantId, id);
        }
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

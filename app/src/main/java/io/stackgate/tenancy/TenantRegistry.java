package io.stackgate.tenancy;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

import io.stackgate.identity.TenantDirectory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** The tenants in force: loaded at start (a bad config stops the start), swapped whole on reload. */
@Component
class TenantRegistry implements Tenants, TenantDirectory {

    /** What a successful reload put in force. */
    record ReloadReport(List<String> tenants, int files) {
    }

    private final TenantsConfigLoader loader;
    private final ApplicationEventPublisher events;
    private final AtomicReference<TenantsSnapshot> current = new AtomicReference<>();

    TenantRegistry(TenantsConfigLoader loader, ApplicationEventPublisher events) {
        this.loader = loader;
        this.events = events;
        current.set(snapshotOf(loader.load()));
    }

    @EventListener(ApplicationReadyEvent.class)
    void announceInitialLoad() {
        events.publishEvent(new TenantsConfigReloaded(allTenantIds()));
    }

    /** Loads the config again; on errors throws {@link TenantsConfigInvalid} and keeps the config in force. */
    synchronized ReloadReport reload() {
        TenantsConfigLoader.Result result = loader.load();
        current.set(snapshotOf(result));
        events.publishEvent(new TenantsConfigReloaded(allTenantIds()));
        return new ReloadReport(List.copyOf(current.get().byId().keySet()), result.files());
    }

    private static TenantsSnapshot snapshotOf(TenantsConfigLoader.Result result) {
        if (!result.errors().isEmpty()) {
            throw new TenantsConfigInvalid(result.errors());
        }
        return TenantsSnapshot.of(result.tenants());
    }

    @Override
    public List<Tenant> all() {
        return current.get().all();
    }

    @Override
    public Optional<Tenant> find(String tenantId) {
        return current.get().find(tenantId);
    }

    @Override
    public Optional<String> orgUnitPath(String tenantId, String orgUnitId) {
        return current.get().orgUnitPath(tenantId, orgUnitId);
    }

    @Override
    public String approverGroup(String tenantId, String level, String orgUnitId) {
        return current.get().approverGroup(tenantId, level, orgUnitId);
    }

    @Override
    public Set<String> allTenantIds() {
        return Set.copyOf(current.get().byId().keySet());
    }
}

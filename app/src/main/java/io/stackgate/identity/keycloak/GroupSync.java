package io.stackgate.identity.keycloak;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import io.stackgate.identity.Directory;
import io.stackgate.identity.DirectorySynced;
import io.stackgate.identity.TenantGroups;
import io.stackgate.identity.TenantGroupsChanged;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;

/**
 * Keeps Keycloak's groups under {@code /tenants/} as tenants-config declares them ({@link GroupPlan} decides,
 * {@link GroupReconciler} applies): runs after every (re)load of the config, in the background, once the dev Keycloak
 * is ready; when Keycloak cannot be reached the next reload tries again. A group no longer declared that still holds
 * members is kept and reported, unless {@code stackgate.keycloak.group-sync.delete-groups-with-members} is on: a
 * config folder that went missing must not wipe every tenant's memberships. Keeps the last run's report and publishes
 * {@link DirectorySynced}.
 */
class GroupSync implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(GroupSync.class);
    private static final Duration READY_WAIT = Duration.ofMinutes(5);

    private final GroupReconciler reconciler;
    private final TenantGroups tenantGroups;
    private final ApplicationEventPublisher events;
    private final Optional<DevKeycloak> devKeycloak;
    private final GroupSyncProperties settings;
    private final Clock clock;
    private volatile GroupSyncReport lastRun;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> new Thread(r, "keycloak-group-sync"));

    GroupSync(Directory directory, TenantGroups tenantGroups, ApplicationEventPublisher events,
            Optional<DevKeycloak> devKeycloak, GroupSyncProperties settings, Clock clock) {
        this.reconciler = new GroupReconciler(directory, settings.deleteGroupsWithMembers());
        this.tenantGroups = tenantGroups;
        this.events = events;
        this.devKeycloak = devKeycloak;
        this.settings = settings;
        this.clock = clock;
    }

    /** The last run of this instance; empty before the first. */
    Optional<GroupSyncReport> lastRun() {
        return Optional.ofNullable(lastRun);
    }

    boolean deletesGroupsWithMembers() {
        return settings.deleteGroupsWithMembers();
    }

    @EventListener
    void on(TenantGroupsChanged changed) {
        worker.submit(() -> {
            if (devKeycloak.isPresent() && !devKeycloak.get().awaitReady(READY_WAIT)) {
                log.warn("Keycloak groups not synced: the dev Keycloak is not ready (see its log)");
                lastRun = GroupSyncReport.failed(clock.instant(), "skipped", "the dev Keycloak did not become ready");
                return;
            }
            try {
                DirectorySynced synced = sync();
                log.info("Keycloak groups synced: {} created, {} deleted, {} moved, {} kept with members",
                        synced.created().size(), synced.deleted().size(), synced.moved().size(),
                        synced.keptWithMembers().size());
            } catch (RuntimeException e) {
                log.warn("Keycloak groups not synced, retried at the next tenants-config reload: {}", e.toString());
                lastRun = GroupSyncReport.failed(clock.instant(), "failed", e.toString());
            }
        });
    }

    /** Brings the directory in line now; a second run in a row changes nothing. */
    synchronized DirectorySynced sync() {
        DirectorySynced synced = reconciler.reconcile(GroupPlan.wanted(tenantGroups.declared()));
        lastRun = GroupSyncReport.synced(clock.instant(), synced);
        events.publishEvent(synced);
        return synced;
    }

    @Override
    public void destroy() {
        worker.shutdownNow();
    }
}

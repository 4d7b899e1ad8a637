package io.stackgate.identity;

import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;

/**
 * Keeps Keycloak's groups under {@code /tenants/} as tenants-config declares them: creates what is missing, deletes
 * what is no longer declared, never touches users or groups elsewhere. Runs after every (re)load of the config, in
 * the background; when Keycloak cannot be reached the next reload tries again.
 */
class GroupSync implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(GroupSync.class);
    private static final Duration READY_WAIT = Duration.ofMinutes(5);

    private final Directory directory;
    private final TenantGroups tenantGroups;
    private final ApplicationEventPublisher events;
    private final Optional<DevKeycloak> devKeycloak;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> new Thread(r, "keycloak-group-sync"));

    GroupSync(Directory directory, TenantGroups tenantGroups, ApplicationEventPublisher events,
            Optional<DevKeycloak> devKeycloak) {
        this.directory = directory;
        this.tenantGroups = tenantGroups;
        this.events = events;
        this.devKeycloak = devKeycloak;
    }

    @EventListener
    void on(TenantGroupsChanged changed) {
        worker.submit(() -> {
            if (devKeycloak.isPresent() && !devKeycloak.get().awaitReady(READY_WAIT)) {
                log.warn("Keycloak groups not synced: the dev Keycloak is not ready (see its log)");
                return;
            }
            try {
                DirectorySynced synced = sync();
                log.info("Keycloak groups synced: {} created, {} deleted", synced.created().size(), synced.deleted().size());
            } catch (RuntimeException e) {
                log.warn("Keycloak groups not synced, retried at the next tenants-config reload: {}", e.toString());
            }
        });
    }

    /** Brings the directory in line now; a second run in a row changes nothing. */
    synchronized DirectorySynced sync() {
        SortedSet<String> wanted = RealmGenerator.tenantGroupPaths(tenantGroups.declared());
        wanted.add(RealmGenerator.TENANTS_ROOT); // even when no tenant is declared
        Set<String> existing = directory.groupPaths();

        SortedSet<String> created = new TreeSet<>(wanted);
        created.removeAll(existing);
        created.forEach(directory::createGroup); // sorted: parents come first

        SortedSet<String> deleted = new TreeSet<>();
        for (String path : existing) {
            if (path.startsWith(RealmGenerator.TENANTS_ROOT + "/") && !wanted.contains(path)) {
                deleted.add(path);
            }
        }
        // deleting a group deletes its sub-groups: delete only the topmost ones
        deleted.stream().filter(path -> !deleted.contains(parentOf(path))).forEach(directory::deleteGroup);

        DirectorySynced synced = new DirectorySynced(created, deleted);
        events.publishEvent(synced);
        return synced;
    }

    private static String parentOf(String path) {
        return path.substring(0, Math.max(0, path.lastIndexOf('/')));
    }

    @Override
    public void destroy() {
        worker.shutdownNow();
    }
}

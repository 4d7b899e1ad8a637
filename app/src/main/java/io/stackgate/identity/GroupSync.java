package io.stackgate.identity;

import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
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
        Map<String, String> moved = moveRelocatedGroups(wanted);
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

        DirectorySynced synced = new DirectorySynced(created, deleted, moved);
        events.publishEvent(synced);
        return synced;
    }

    /**
     * An org unit that moved in the tree (same tenant, same id, another parent) is moved in Keycloak, with its
     * sub-groups and members, rather than deleted and created anew; shallowest first, as a move carries the children.
     */
    private Map<String, String> moveRelocatedGroups(SortedSet<String> wanted) {
        Map<String, String> moved = new LinkedHashMap<>();
        while (true) {
            Set<String> existing = directory.groupPaths();
            Optional<Map.Entry<String, String>> move = existing.stream()
                    .filter(path -> path.startsWith(RealmGenerator.TENANTS_ROOT + "/") && !wanted.contains(path))
                    .filter(path -> tenantOf(path) != null && !path.endsWith("/managers"))
                    .sorted(Comparator.comparingInt(GroupSync::depth))
                    .flatMap(stale -> wanted.stream()
                            .filter(target -> !existing.contains(target) && name(target).equals(name(stale))
                                    && tenantOf(stale).equals(tenantOf(target)) && depth(target) > 3)
                            .map(target -> Map.entry(stale, target)))
                    .findFirst();
            if (move.isEmpty()) {
                return moved;
            }
            String from = move.get().getKey();
            String to = move.get().getValue();
            directory.createGroup(parentOf(to));
            directory.moveGroup(from, parentOf(to));
            moved.put(from, to);
        }
    }

    /** {@code /tenants/acme/engineering/platform} → {@code acme}; null for the tenant group itself. */
    private static String tenantOf(String path) {
        String[] parts = path.split("/");
        return parts.length > 3 ? parts[2] : null;
    }

    private static String name(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }

    private static int depth(String path) {
        return path.split("/").length;
    }

    private static String parentOf(String path) {
        return path.substring(0, Math.max(0, path.lastIndexOf('/')));
    }

    @Override
    public void destroy() {
        worker.shutdownNow();
    }
}

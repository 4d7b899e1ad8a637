package io.stackgate.identity.keycloak;

import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import io.stackgate.identity.Directory;
import io.stackgate.identity.DirectorySynced;
import io.stackgate.identity.TenantGroups;
import io.stackgate.identity.TenantGroupsChanged;

/**
 * Keeps Keycloak's groups under {@code /tenants/} as tenants-config declares them: creates what is missing, deletes
 * what is no longer declared, never touches users or groups elsewhere. A group no longer declared that still holds
 * members (itself or in a sub-group) is kept and reported, unless
 * {@code stackgate.keycloak.group-sync.delete-groups-with-members} is on: a config folder that went missing must not
 * wipe every tenant's memberships. Runs after every (re)load of the config, in the background; when Keycloak cannot
 * be reached the next reload tries again.
 */
class GroupSync implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(GroupSync.class);
    private static final Duration READY_WAIT = Duration.ofMinutes(5);

    private final Directory directory;
    private final TenantGroups tenantGroups;
    private final ApplicationEventPublisher events;
    private final Optional<DevKeycloak> devKeycloak;
    private final GroupSyncProperties settings;
    private final Clock clock;
    private volatile GroupSyncReport lastRun;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> new Thread(r, "keycloak-group-sync"));

    GroupSync(Directory directory, TenantGroups tenantGroups, ApplicationEventPublisher events,
            Optional<DevKeycloak> devKeycloak, GroupSyncProperties settings, Clock clock) {
        this.directory = directory;
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
        SortedSet<String> wanted = RealmGenerator.tenantGroupPaths(tenantGroups.declared());
        wanted.add(RealmGenerator.TENANTS_ROOT); // even when no tenant is declared
        Map<String, String> moved = moveRelocatedGroups(wanted);
        Set<String> existing = directory.groupPaths();

        SortedSet<String> created = new TreeSet<>(wanted);
        created.removeAll(existing);
        created.forEach(directory::createGroup); // sorted: parents come first

        SortedSet<String> undeclared = existing.stream()
                .filter(path -> path.startsWith(RealmGenerator.TENANTS_ROOT + "/") && !wanted.contains(path))
                .collect(Collectors.toCollection(TreeSet::new));
        SortedSet<String> deleted = new TreeSet<>();
        SortedMap<String, Integer> kept = new TreeMap<>();
        for (String path : undeclared) { // sorted: a parent comes before its sub-groups
            if (deleted.contains(path)) {
                continue; // went with its parent
            }
            int members = settings.deleteGroupsWithMembers() ? 0 : directory.memberCount(path);
            if (members > 0) {
                kept.put(path, members); // its empty undeclared sub-groups are still deleted, below
            } else {
                // deleting a group deletes its sub-groups (all undeclared, as every declared path has its parents)
                directory.deleteGroup(path);
                undeclared.stream().filter(p -> p.equals(path) || p.startsWith(path + "/")).forEach(deleted::add);
            }
        }
        if (!kept.isEmpty()) {
            log.warn("Keycloak groups no longer declared in tenants-config were kept because they hold members "
                    + "(set stackgate.keycloak.group-sync.delete-groups-with-members=true to delete them): {}",
                    kept.entrySet().stream().map(e -> e.getKey() + " (" + e.getValue() + " members)")
                            .collect(Collectors.joining(", ")));
        }

        DirectorySynced synced = new DirectorySynced(created, deleted, moved, kept);
        lastRun = GroupSyncReport.synced(clock.instant(), synced);
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

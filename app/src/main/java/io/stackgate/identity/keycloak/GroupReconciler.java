package io.stackgate.identity.keycloak;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

import io.stackgate.identity.Directory;
import io.stackgate.identity.DirectorySynced;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies a {@link GroupPlan} to the directory: moves relocated org units, creates what is missing, deletes what is no
 * longer declared — but keeps a group that still holds members (itself or in a sub-group) unless told to delete it.
 * Never touches users or groups outside {@code /tenants/}. A second run in a row changes nothing.
 */
final class GroupReconciler {

    private static final Logger log = LoggerFactory.getLogger(GroupReconciler.class);

    private final Directory directory;
    private final boolean deleteGroupsWithMembers;

    GroupReconciler(Directory directory, boolean deleteGroupsWithMembers) {
        this.directory = directory;
        this.deleteGroupsWithMembers = deleteGroupsWithMembers;
    }

    DirectorySynced reconcile(SortedSet<String> wanted) {
        Map<String, String> moved = moveRelocatedGroups(wanted);
        Set<String> existing = directory.groupPaths();

        SortedSet<String> created = GroupPlan.missing(existing, wanted);
        created.forEach(directory::createGroup); // sorted: parents come first

        SortedSet<String> undeclared = GroupPlan.undeclared(existing, wanted);
        SortedSet<String> deleted = new TreeSet<>();
        SortedMap<String, Integer> kept = new TreeMap<>();
        for (String path : undeclared) { // sorted: a parent comes before its sub-groups
            if (deleted.contains(path)) {
                continue; // went with its parent
            }
            int members = deleteGroupsWithMembers ? 0 : directory.memberCount(path);
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
        return new DirectorySynced(created, deleted, moved, kept);
    }

    /** Moves one relocated group at a time, looking at the directory again after each (a move carries sub-groups). */
    private Map<String, String> moveRelocatedGroups(SortedSet<String> wanted) {
        Map<String, String> moved = new LinkedHashMap<>();
        for (Optional<GroupPlan.Move> move = GroupPlan.nextMove(directory.groupPaths(), wanted); move.isPresent();
                move = GroupPlan.nextMove(directory.groupPaths(), wanted)) {
            directory.createGroup(move.get().newParent());
            directory.moveGroup(move.get().from(), move.get().newParent());
            moved.put(move.get().from(), move.get().to());
        }
        return moved;
    }
}

package io.stackgate.identity.keycloak;

import java.util.Collection;
import java.util.Comparator;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Collectors;

import io.stackgate.identity.TenantGroups;

/**
 * What Keycloak's groups under {@code /tenants/} should become, decided on group paths alone (no directory calls):
 * the groups tenants-config wants, which are missing, which are no longer declared, and which org unit moved.
 */
final class GroupPlan {

    /** Move {@code from}, with its sub-groups and members, so that it ends up at {@code to}. */
    record Move(String from, String to) {

        String newParent() {
            return parentOf(to);
        }
    }

    private GroupPlan() {
    }

    /** Every group path tenants-config declares, with {@code /tenants} even when no tenant is declared. */
    static SortedSet<String> wanted(Collection<TenantGroups.Declared> declared) {
        SortedSet<String> wanted = RealmGenerator.tenantGroupPaths(declared);
        wanted.add(RealmGenerator.TENANTS_ROOT);
        return wanted;
    }

    /** Wanted groups the directory lacks, sorted: parents come first. */
    static SortedSet<String> missing(Set<String> existing, Set<String> wanted) {
        SortedSet<String> missing = new TreeSet<>(wanted);
        missing.removeAll(existing);
        return missing;
    }

    /** Groups under {@code /tenants/} no longer declared, sorted: a parent comes before its sub-groups. */
    static SortedSet<String> undeclared(Set<String> existing, Set<String> wanted) {
        return existing.stream()
                .filter(path -> path.startsWith(RealmGenerator.TENANTS_ROOT + "/") && !wanted.contains(path))
                .collect(Collectors.toCollection(TreeSet::new));
    }

    /**
     * An org unit that moved in the tree (same tenant, same id, another parent) is moved rather than deleted and
     * created anew; shallowest first, as a move carries the children. Empty when nothing (more) moved.
     */
    static Optional<Move> nextMove(Set<String> existing, Set<String> wanted) {
        return existing.stream()
                .filter(path -> path.startsWith(RealmGenerator.TENANTS_ROOT + "/") && !wanted.contains(path))
                .filter(path -> tenantOf(path) != null && !path.endsWith("/managers"))
                .sorted(Comparator.comparingInt(GroupPlan::depth))
                .flatMap(stale -> wanted.stream()
                        .filter(target -> !existing.contains(target) && name(target).equals(name(stale))
                                && tenantOf(stale).equals(tenantOf(target)) && depth(target) > 3)
                        .map(target -> new Move(stale, target)))
                .findFirst();
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
}

package io.stackgate.identity.keycloak;

import java.time.Instant;
import java.util.Map;
import java.util.Set;

import io.stackgate.identity.DirectorySynced;

/**
 * What the last group sync of this instance did, for platform admins ({@code GET /api/admin/keycloak/group-sync}).
 *
 * @param at              when it ran
 * @param outcome         {@code synced}, {@code failed} (Keycloak unreachable or refusing; retried at the next
 *                        tenants-config reload) or {@code skipped} (the dev Keycloak never became ready)
 * @param error           why it failed, when it did
 * @param keptWithMembers groups no longer declared, kept because they hold members: path → number of users in the
 *                        group and its sub-groups
 */
public record GroupSyncReport(Instant at, String outcome, String error, Set<String> created, Set<String> deleted,
        Map<String, String> moved, Map<String, Integer> keptWithMembers) {

    static GroupSyncReport synced(Instant at, DirectorySynced synced) {
        return new GroupSyncReport(at, "synced", null, synced.created(), synced.deleted(), synced.moved(),
                synced.keptWithMembers());
    }

    static GroupSyncReport failed(Instant at, String outcome, String error) {
        return new GroupSyncReport(at, outcome, error, Set.of(), Set.of(), Map.of(), Map.of());
    }
}

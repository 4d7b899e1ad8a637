package io.stackgate.identity.keycloak;

import io.stackgate.identity.Caller;
import io.stackgate.identity.CallerResolver;
import io.stackgate.identity.NotPlatformAdmin;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** What the Keycloak group sync of this instance did last: above all, the groups it kept because they hold members. */
@Tag(name = "Operations")
@RestController
class GroupSyncController {

    /**
     * @param enabled whether a Keycloak is in use here (the dev Keycloak, or an issuer with the backend's secret)
     * @param lastRun the last run of this instance, absent before the first
     */
    record GroupSyncStatus(boolean enabled, boolean deleteGroupsWithMembers, GroupSyncReport lastRun) {
    }

    private final ObjectProvider<GroupSync> groupSync;
    private final CallerResolver callers;

    GroupSyncController(ObjectProvider<GroupSync> groupSync, CallerResolver callers) {
        this.groupSync = groupSync;
        this.callers = callers;
    }

    @Operation(operationId = "getKeycloakGroupSync", summary = "The last Keycloak group sync: groups created, deleted, "
            + "moved, and kept because they still hold members (platform admins)")
    @GetMapping("/api/admin/keycloak/group-sync")
    GroupSyncStatus status() {
        if (!callers.current().hasRole(Caller.PLATFORM_ADMIN)) {
            throw new NotPlatformAdmin("read the group sync report");
        }
        GroupSync sync = groupSync.getIfAvailable();
        if (sync == null) {
            return new GroupSyncStatus(false, false, null);
        }
        return new GroupSyncStatus(true, sync.deletesGroupsWithMembers(), sync.lastRun().orElse(null));
    }
}

package io.stackgate.notifications.recipients;

import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.stackgate.identity.Caller;
import io.stackgate.identity.DirectoryUser;
import io.stackgate.identity.UserDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClientException;

/**
 * Who is in a group, for telling approvers and tenant admins: the directory's ({@link UserDirectory}, Keycloak or the
 * demo users of test tokens) members of the group or holders of the role, kept to those who act in the tenant.
 * Notices are written inside the change they tell of (a task created, a quota reserved): a directory that does not
 * answer must not stop that change, so its failure is logged and nobody of the group is told.
 */
@Component
public class Recipients {

    private static final Logger log = LoggerFactory.getLogger(Recipients.class);

    private final ObjectProvider<UserDirectory> directory;

    Recipients(ObjectProvider<UserDirectory> directory) {
        this.directory = directory;
    }

    public Optional<DirectoryUser> user(String username) {
        UserDirectory users = directory.getIfAvailable();
        if (users == null || username == null) {
            return Optional.empty();
        }
        try {
            return users.user(username);
        } catch (RestClientException unavailable) {
            log.warn("{} is not told: the directory did not answer ({})", username, unavailable.getClass().getSimpleName());
            return Optional.empty();
        }
    }

    /**
     * The users of the tenant (or platform-wide ones) in any of the groups, by the engine's group ids (full paths, or
     * {@code role:<name>}), each once, in name order. A role group such as {@code role:approver} spans every tenant,
     * hence the tenant filter.
     */
    public List<DirectoryUser> members(Collection<String> groups, String tenantId) {
        UserDirectory users = directory.getIfAvailable();
        if (users == null) {
            return List.of();
        }
        Map<String, DirectoryUser> members = new LinkedHashMap<>();
        for (String group : groups.stream().distinct().toList()) {
            List<DirectoryUser> inGroup;
            try {
                inGroup = users.inEngineGroup(group);
            } catch (RestClientException unavailable) {
                log.warn("the members of {} are not told: the directory did not answer ({})", group,
                        unavailable.getClass().getSimpleName());
                continue;
            }
            inGroup.stream().filter(user -> user.isPlatformWide() || Caller.tenantsOf(user.groups()).contains(tenantId))
                    .forEach(user -> members.putIfAbsent(user.username(), user));
        }
        return members.values().stream().sorted(Comparator.comparing(DirectoryUser::username)).toList();
    }

    /** The tenant's admins: the tenant-admin role and membership of {@code /tenants/<id>/admins}. */
    public List<DirectoryUser> tenantAdmins(String tenantId) {
        return members(List.of(Caller.adminsGroup(tenantId)), tenantId).stream()
                .filter(user -> user.roles().contains(Caller.TENANT_ADMIN)).toList();
    }
}

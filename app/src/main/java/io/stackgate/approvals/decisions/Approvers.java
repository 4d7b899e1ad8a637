package io.stackgate.approvals.decisions;

import io.stackgate.approvals.DirectoryUnavailable;
import io.stackgate.approvals.SeparationOfDuties;
import io.stackgate.approvals.inbox.ApprovalTasks;
import io.stackgate.errors.InvalidInput;
import io.stackgate.identity.Caller;
import io.stackgate.identity.DirectoryUser;
import io.stackgate.identity.UserDirectory;
import io.stackgate.requests.ResourceRequest;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Who may be handed a task (delegation, reassignment): a user the directory knows, of the request's tenant (or a
 * platform operator), in one of the task's approver groups, who neither made the request nor decided a level of it.
 * Without a directory nobody can be checked, so nobody is handed a task.
 */
@Component
class Approvers {

    private final ObjectProvider<UserDirectory> directory;
    private final DecisionRepository decisions;

    Approvers(ObjectProvider<UserDirectory> directory, DecisionRepository decisions) {
        this.directory = directory;
        this.decisions = decisions;
    }

    DirectoryUser eligible(String username, ApprovalTasks.Row task, ResourceRequest request) {
        UserDirectory users = directory.getIfAvailable();
        if (users == null) {
            throw new DirectoryUnavailable();
        }
        DirectoryUser user = users.user(username)
                .orElseThrow(() -> new InvalidInput("user", "no user " + username + " in the directory"));
        if (user.id().equals(request.requesterId())) {
            throw new SeparationOfDuties("a request cannot be handed to its requester");
        }
        if (!user.isPlatformWide() && !Caller.tenantsOf(user.groups()).contains(request.tenantId())) {
            throw new InvalidInput("user", username + " is not a member of tenant " + request.tenantId());
        }
        if (task.candidateGroups().stream().noneMatch(user.engineGroups()::contains)) {
            throw new InvalidInput("user", username + " is in none of the task's approver groups " + task.candidateGroups());
        }
        if (decisions.hasDecided(request.id(), user.id())) {
            throw new InvalidInput("user", username + " already decided another level of this request");
        }
        return user;
    }
}

package io.stackgate.approvals.inbox;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.stackgate.approvals.TaskNotFound;
import io.stackgate.identity.Caller;
import io.stackgate.requests.RequestService;
import io.stackgate.requests.ResourceRequest;
import io.stackgate.web.Page;
import io.stackgate.web.PageRequest;
import org.springframework.stereotype.Service;

/**
 * The approver's inbox: which open approval tasks a caller may act on, read from {@link ApprovalTasks} in one query
 * per page (plus one for the page's candidate groups and one for its requests). A task decided while the inbox is
 * read is either on the page or not; nothing is looked up in the engine per task, so nothing fails half-way.
 */
@Service
public class ApprovalInbox {

    /** An approval task as the inbox shows it. {@code delegatedBy}: who handed it to its assignee. */
    public record InboxTask(String id, String name, String level, List<String> candidateGroups, String assignee,
            String delegatedBy, Instant claimedAt, Instant created, Instant due, boolean overdue, String escalatedTo,
            ResourceRequest request) {
    }

    /**
     * How an inbox page is narrowed (null: not narrowed). {@code claimed}: held by somebody or by nobody;
     * {@code mine}: true for only the tasks the caller holds.
     */
    public record Filter(String tenant, String type, String level, String requestId, Boolean overdue, Boolean claimed,
            Boolean mine) {

        public static final Filter NONE = new Filter(null, null, null, null, null, null, null);
    }

    private final ApprovalTasks tasks;
    private final RequestService requests;
    private final Clock clock;

    ApprovalInbox(ApprovalTasks tasks, RequestService requests, Clock clock) {
        this.clock = clock;
        this.tasks = tasks;
        this.requests = requests;
    }

    /**
     * Open tasks of the caller's tenants that one of the caller's groups (or roles) is a candidate for, not held by
     * someone else, of requests the caller neither made nor decided a level of; soonest due first.
     */
    public Page<InboxTask> inbox(Caller caller, Filter filter, PageRequest page) {
        ApprovalTasks.Filter narrowed = narrow(caller, filter);
        Set<String> groups = caller.engineGroups();
        List<ApprovalTasks.Row> rows = tasks.inbox(caller.id(), groups, caller.tenants(), narrowed, page);
        long total = rows.size() < page.size() && page.page() == 0 ? rows.size()
                : tasks.inboxCount(caller.id(), groups, caller.tenants(), narrowed);
        return Page.of(views(rows), page, total);
    }

    /**
     * Every open task of the tenants the caller looks after — tenant admins theirs, platform operators all — to
     * release or reassign a task held by someone who is away.
     */
    public Page<InboxTask> administered(Caller caller, Filter filter, PageRequest page) {
        Set<String> tenants = TaskAccess.supervisedTenants(caller);
        ApprovalTasks.Filter narrowed = narrow(caller, filter);
        List<ApprovalTasks.Row> rows = tasks.ofTenants(tenants, narrowed, page);
        return Page.of(views(rows), page, tasks.ofTenantsCount(tenants, narrowed));
    }

    /** One open task the caller may see: a candidate for it, or looking after its tenant. Else "not found". */
    public InboxTask get(Caller caller, String taskId) {
        ApprovalTasks.Row row = tasks.find(taskId).filter(task -> TaskAccess.maySee(caller, task))
                .orElseThrow(() -> new TaskNotFound(taskId));
        return views(List.of(row)).get(0);
    }

    /**
     * A number that grows whenever the open tasks of the caller's tenants change (created, decided, claimed, released,
     * escalated): the UI polls it and reloads the inbox when it moved. The same for every caller of the same tenants.
     */
    public long version(Caller caller) {
        return tasks.version(caller.tenants());
    }

    private ApprovalTasks.Filter narrow(Caller caller, Filter filter) {
        return new ApprovalTasks.Filter(filter.tenant(), filter.type(), filter.level(), filter.requestId(),
                filter.overdue(), clock.instant(), filter.claimed(),
                Boolean.TRUE.equals(filter.mine()) ? caller.id() : null);
    }

    private List<InboxTask> views(List<ApprovalTasks.Row> rows) {
        Map<String, ResourceRequest> byId = requests.loadAll(rows.stream().map(ApprovalTasks.Row::requestId).toList());
        Instant now = clock.instant();
        return rows.stream().filter(row -> byId.containsKey(row.requestId()))
                .map(row -> new InboxTask(row.taskId(), row.name(), row.level(), row.candidateGroups(), row.assignee(),
                        row.owner(), row.claimedAt(), row.createdAt(), row.dueAt(),
                        row.dueAt() != null && row.dueAt().isBefore(now), row.escalatedTo(), byId.get(row.requestId())))
                .toList();
    }
}

package io.stackgate.approvals.inbox;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

import io.stackgate.web.PageRequest;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code approval_task} and {@code approval_task_group} tables: the open approval tasks as the inbox reads them. */
@Repository
public class ApprovalTasks {

    /** One open approval task. {@code candidateGroups} sorted. */
    public record Row(String taskId, String requestId, String tenantId, String requestType, String requesterId,
            String processInstanceId, String level, String name,
            String assigneeId, String assignee, String ownerId, String owner, Instant claimedAt, String escalatedTo,
            Instant createdAt, Instant dueAt, List<String> candidateGroups) {

        Row withGroups(List<String> groups) {
            return new Row(taskId, requestId, tenantId, requestType, requesterId, processInstanceId, level, name,
                    assigneeId, assignee, ownerId,
                    owner, claimedAt, escalatedTo, createdAt, dueAt, List.copyOf(new TreeSet<>(groups)));
        }
    }

    /**
     * What an inbox page is narrowed to; null fields do not narrow. {@code overdue} = due before {@code now};
     * {@code claimed}: held by somebody (or not); {@code heldBy}: held by this subject.
     */
    record Filter(String tenant, String type, String level, String requestId, Boolean overdue, Instant now,
            Boolean claimed, String heldBy) {

        static final Filter NONE = new Filter(null, null, null, null, null, null, null, null);
    }

    private static final String COLUMNS = "t.task_id, t.request_id, t.tenant_id, t.request_type, t.requester_id, t.process_instance_id, t.level, t.name, "
            + "t.assignee_id, t.assignee, t.owner_id, t.owner, t.claimed_at, t.escalated_to, t.created_at, t.due_at";

    private final JdbcClient jdbc;

    public ApprovalTasks(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Records a new open task (a repeated insert of the same task is a no-op). */
    public void insert(Row task) {
        try {
            jdbc.sql("""
                    insert into approval_task (task_id, request_id, tenant_id, request_type, requester_id,
                        process_instance_id, level, name, created_at, due_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                    .params(task.taskId(), task.requestId(), task.tenantId(), task.requestType(), task.requesterId(),
                            task.processInstanceId(), task.level(),
                            task.name(), Timestamp.from(task.createdAt()), timestamp(task.dueAt()))
                    .update();
        } catch (DuplicateKeyException alreadyRecorded) {
            return;
        }
        task.candidateGroups().forEach(group -> addGroup(task.taskId(), group));
        changed(task.taskId());
    }

    void addGroup(String taskId, String group) {
        try {
            jdbc.sql("insert into approval_task_group (task_id, group_id) values (?, ?)").params(taskId, group).update();
        } catch (DuplicateKeyException alreadyThere) {
            // a candidate already
        }
    }

    public void escalated(String taskId, String group) {
        addGroup(taskId, group);
        jdbc.sql("update approval_task set escalated_to = ? where task_id = ?").params(group, taskId).update();
        changed(taskId);
    }

    /** The task is done (decided, or its process went on without it). */
    public void delete(String taskId) {
        changed(taskId);
        jdbc.sql("delete from approval_task_group where task_id = ?").param(taskId).update();
        jdbc.sql("delete from approval_task where task_id = ?").param(taskId).update();
    }

    /** Someone holds the task now (claim, take-back, reassignment); {@code owner} is who delegated it, or null. */
    public void assign(String taskId, String assigneeId, String assignee, String ownerId, String owner, Instant at) {
        jdbc.sql("update approval_task set assignee_id = ?, assignee = ?, owner_id = ?, owner = ?, claimed_at = ? "
                        + "where task_id = ?")
                .params(assigneeId, assignee, ownerId, owner, Timestamp.from(at), taskId).update();
        changed(taskId);
    }

    /** Nobody holds the task any more. Only if it is still held as read ({@code expectedAssigneeId}); true if so. */
    public boolean release(String taskId, String expectedAssigneeId) {
        boolean released = jdbc.sql("update approval_task set assignee_id = null, assignee = null, owner_id = null, "
                        + "owner = null, claimed_at = null where task_id = ? and assignee_id = ?")
                .params(taskId, expectedAssigneeId).update() == 1;
        if (released) {
            changed(taskId);
        }
        return released;
    }

    /** The task's tenant's inbox changed (appended in the caller's transaction; see {@link #version}). */
    private void changed(String taskId) {
        jdbc.sql("insert into approval_inbox_change (tenant_id, changed_at) select tenant_id, current_timestamp "
                + "from approval_task where task_id = ?").param(taskId).update();
    }

    /**
     * A number that grows whenever an open task of these tenants is created, decided or gone, changes hands or is
     * escalated (the sum of each tenant's newest change): one indexed look-up per tenant.
     */
    long version(Collection<String> tenants) {
        if (tenants.isEmpty()) {
            return 0;
        }
        return jdbc.sql("select coalesce(sum(newest), 0) from (select max(id) as newest from approval_inbox_change "
                        + "where tenant_id in (:tenants) group by tenant_id) v")
                .param("tenants", List.copyOf(tenants)).query(Long.class).single();
    }

    /** Forgets every change but each tenant's newest (which alone makes the version); answers how many went. */
    int pruneChanges() {
        int pruned = 0;
        List<Map.Entry<String, Long>> newest = jdbc.sql("select tenant_id, max(id) as newest from approval_inbox_change "
                        + "group by tenant_id")
                .query((rs, n) -> Map.entry(rs.getString("tenant_id"), rs.getLong("newest"))).list();
        for (Map.Entry<String, Long> tenant : newest) {
            pruned += jdbc.sql("delete from approval_inbox_change where tenant_id = ? and id < ?")
                    .params(tenant.getKey(), tenant.getValue()).update();
        }
        return pruned;
    }

    public Optional<Row> find(String taskId) {
        return jdbc.sql("select " + COLUMNS + " from approval_task t where t.task_id = ?").param(taskId)
                .query(ApprovalTasks::map).optional().map(row -> row.withGroups(groupsOf(List.of(row.taskId()))
                        .getOrDefault(row.taskId(), List.of())));
    }

    /** Ids of every task recorded here (start-up consistency check with the engine). */
    public List<String> allIds() {
        return jdbc.sql("select task_id from approval_task").query(String.class).list();
    }

    public long count() {
        return jdbc.sql("select count(*) from approval_task").query(Long.class).single();
    }

    /** Claims older than {@code before} that nobody delegated: their holders may be away. */
    public List<Row> claimedBefore(Instant before, int limit) {
        return jdbc.sql("select " + COLUMNS + " from approval_task t where t.claimed_at < ? and t.owner_id is null "
                        + "and t.assignee_id is not null order by t.claimed_at limit ?")
                .params(Timestamp.from(before), limit).query(ApprovalTasks::map).list();
    }

    /**
     * The inbox: open tasks of the caller's tenants that one of the caller's groups is a candidate for, unheld or held
     * by the caller or delegated by the caller, of requests the caller neither made nor decided a level of; soonest
     * due first.
     */
    List<Row> inbox(String callerId, Collection<String> groups, Collection<String> tenants, Filter filter,
            PageRequest page) {
        if (groups.isEmpty() || tenants.isEmpty()) {
            return List.of();
        }
        Map<String, Object> params = new HashMap<>();
        String where = inboxWhere(callerId, groups, tenants, filter, params);
        params.put("limit", page.size());
        params.put("offset", page.offset());
        List<Row> rows = jdbc.sql("select " + COLUMNS + " from approval_task t"
                        + where + " order by case when t.due_at is null then 1 else 0 end, t.due_at, t.created_at, t.task_id"
                        + " limit :limit offset :offset")
                .params(params).query(ApprovalTasks::map).list();
        return withGroups(rows);
    }

    long inboxCount(String callerId, Collection<String> groups, Collection<String> tenants, Filter filter) {
        if (groups.isEmpty() || tenants.isEmpty()) {
            return 0;
        }
        Map<String, Object> params = new HashMap<>();
        String where = inboxWhere(callerId, groups, tenants, filter, params);
        return jdbc.sql("select count(*) from approval_task t" + where)
                .params(params).query(Long.class).single();
    }

    /** Every open task of these tenants (tenant admins and operators looking after frozen approvals). */
    List<Row> ofTenants(Collection<String> tenants, Filter filter, PageRequest page) {
        if (tenants.isEmpty()) {
            return List.of();
        }
        Map<String, Object> params = new HashMap<>();
        String where = tenantWhere(tenants, filter, params);
        params.put("limit", page.size());
        params.put("offset", page.offset());
        return withGroups(jdbc.sql("select " + COLUMNS + " from approval_task t"
                        + where + " order by case when t.due_at is null then 1 else 0 end, t.due_at, t.created_at, t.task_id"
                        + " limit :limit offset :offset")
                .params(params).query(ApprovalTasks::map).list());
    }

    long ofTenantsCount(Collection<String> tenants, Filter filter) {
        if (tenants.isEmpty()) {
            return 0;
        }
        Map<String, Object> params = new HashMap<>();
        return jdbc.sql("select count(*) from approval_task t"
                + tenantWhere(tenants, filter, params)).params(params).query(Long.class).single();
    }

    private static String inboxWhere(String callerId, Collection<String> groups, Collection<String> tenants,
            Filter filter, Map<String, Object> params) {
        params.put("me", callerId);
        params.put("groups", List.copyOf(groups));
        return tenantWhere(tenants, filter, params)
                + " and exists (select 1 from approval_task_group g where g.task_id = t.task_id and g.group_id in (:groups))"
                + " and (t.assignee_id is null or t.assignee_id = :me or t.owner_id = :me)"
                + " and t.requester_id <> :me"
                + " and not exists (select 1 from approval_decision d where d.request_id = t.request_id"
                + " and d.decided_by_id = :me)";
    }

    private static String tenantWhere(Collection<String> tenants, Filter filter, Map<String, Object> params) {
        params.put("tenants", List.copyOf(tenants));
        StringBuilder where = new StringBuilder(" where t.tenant_id in (:tenants)");
        if (filter.tenant() != null) {
            where.append(" and t.tenant_id = :tenant");
            params.put("tenant", filter.tenant());
        }
        if (filter.level() != null) {
            where.append(" and t.level = :level");
            params.put("level", filter.level());
        }
        if (filter.type() != null) {
            where.append(" and t.request_type = :type");
            params.put("type", filter.type());
        }
        if (filter.requestId() != null) {
            where.append(" and t.request_id = :requestId");
            params.put("requestId", filter.requestId());
        }
        if (filter.overdue() != null) {
            where.append(filter.overdue() ? " and t.due_at < :now" : " and (t.due_at is null or t.due_at >= :now)");
            params.put("now", Timestamp.from(filter.now()));
        }
        if (filter.claimed() != null) {
            where.append(filter.claimed() ? " and t.assignee_id is not null" : " and t.assignee_id is null");
        }
        if (filter.heldBy() != null) {
            where.append(" and t.assignee_id = :heldBy");
            params.put("heldBy", filter.heldBy());
        }
        return where.toString();
    }

    private List<Row> withGroups(List<Row> rows) {
        if (rows.isEmpty()) {
            return rows;
        }
        Map<String, List<String>> groups = groupsOf(rows.stream().map(Row::taskId).toList());
        List<Row> complete = new ArrayList<>(rows.size());
        rows.forEach(row -> complete.add(row.withGroups(groups.getOrDefault(row.taskId(), List.of()))));
        return complete;
    }

    private Map<String, List<String>> groupsOf(List<String> taskIds) {
        Map<String, List<String>> groups = new LinkedHashMap<>();
        jdbc.sql("select task_id, group_id from approval_task_group where task_id in (:ids)").param("ids", taskIds)
                .query((rs, n) -> Map.entry(rs.getString("task_id"), rs.getString("group_id"))).list()
                .forEach(e -> groups.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue()));
        return groups;
    }

    private static Row map(ResultSet rs, int n) throws SQLException {
        return new Row(rs.getString("task_id"), rs.getString("request_id"), rs.getString("tenant_id"),
                rs.getString("request_type"), rs.getString("requester_id"), rs.getString("process_instance_id"), rs.getString("level"), rs.getString("name"),
                rs.getString("assignee_id"), rs.getString("assignee"), rs.getString("owner_id"), rs.getString("owner"),
                instant(rs, "claimed_at"), rs.getString("escalated_to"), instant(rs, "created_at"), instant(rs, "due_at"),
                List.of());
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp value = rs.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }

    private static Timestamp timestamp(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }
}

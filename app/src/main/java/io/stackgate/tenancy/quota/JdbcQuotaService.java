package io.stackgate.tenancy.quota;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import io.stackgate.tenancy.Project;
import io.stackgate.tenancy.ProjectNotFound;
import io.stackgate.tenancy.ProjectUsage;
import io.stackgate.tenancy.Quota;
import io.stackgate.tenancy.QuotaRaised;
import io.stackgate.tenancy.QuotaReleased;
import io.stackgate.tenancy.QuotaReservation;
import io.stackgate.tenancy.QuotaReserved;
import io.stackgate.tenancy.QuotaService;
import io.stackgate.tenancy.Tenant;
import io.stackgate.tenancy.TenantNotFound;
import io.stackgate.tenancy.Tenants;
import io.stackgate.tenancy.TenantsConfigReloaded;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/** Quota on reservation rows: usage is the sum of RESERVED rows; a tenant's reservations serialise on its lock row. */
@Service
class JdbcQuotaService implements QuotaService {

    private static final String SUMS = "select coalesce(sum(vcpus), 0), coalesce(sum(memory_mib), 0), "
            + "coalesce(sum(disk_gib), 0), coalesce(sum(gpus), 0), coalesce(sum(vms), 0), coalesce(sum(k8s_nodes), 0) "
            + "from quota_reservation where tenant_id = ? and state = 'RESERVED'";
    private static final String COLUMNS = "tenant_id, project_id, request_id, vcpus, memory_mib, disk_gib, gpus, vms, "
            + "k8s_nodes, over_quota, exceeded";

    private final JdbcClient jdbc;
    private final Tenants tenants;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate separately;
    private final Clock clock;

    JdbcQuotaService(JdbcClient jdbc, Tenants tenants, ApplicationEventPublisher events,
            PlatformTransactionManager transactions, Clock clock) {
        this.jdbc = jdbc;
        this.tenants = tenants;
        this.events = events;
        this.separately = new TransactionTemplate(transactions);
        this.separately.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.clock = clock;
    }

    @Override
    @Transactional
    public QuotaReservation reserve(String tenantId, String projectId, String requestId, Quota demand) {
        Tenant tenant = tenant(tenantId);
        Project project = project(tenant, projectId);
        lockTenant(tenantId);
        Optional<Row> existing = find(requestId);
        if (existing.isPresent()) {
            return existing.get().reservation();
        }
        List<String> exceeded = new ArrayList<>();
        sum(tenantId, projectId).plus(demand).exceeding(projectQuota(tenantId, project)).forEach(d -> exceeded.add("project." + d));
        sum(tenantId, null).plus(demand).exceeding(tenant.quota()).forEach(d -> exceeded.add("tenant." + d));
        boolean overQuota = !exceeded.isEmpty();
        jdbc.sql("insert into quota_reservation (" + COLUMNS + ", state, reserved_at) "
                        + "values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'RESERVED', ?)")
                .params(tenantId, projectId, requestId, demand.vcpus(), demand.memoryMiB(), demand.diskGiB(),
                        demand.gpus(), demand.vms(), demand.k8sNodes(), overQuota, String.join(",", exceeded),
                        Timestamp.from(clock.instant()))
                .update();
        events.publishEvent(new QuotaReserved(tenantId, projectId, requestId, demand, overQuota));
        return new QuotaReservation(requestId, demand, overQuota, exceeded);
    }

    @Override
    @Transactional
    public void release(String requestId) {
        int released = jdbc.sql("update quota_reservation set state = 'RELEASED', released_at = ? "
                        + "where request_id = ? and state = 'RESERVED'")
                .params(Timestamp.from(clock.instant()), requestId)
                .update();
        if (released == 1) {
            Row row = find(requestId).orElseThrow();
            events.publishEvent(new QuotaReleased(row.tenantId(), row.projectId(), requestId, row.demand()));
        }
    }

    @Override
    @Transactional
    public void shrink(String requestId, Quota remaining) {
        Optional<Row> existing = find(requestId);
        boolean reserved = jdbc.sql("select count(*) from quota_reservation where request_id = ? and state = 'RESERVED'")
                .param(requestId).query(Long.class).single() > 0;
        if (existing.isEmpty() || !reserved) {
            return;
        }
        Row row = existing.get();
        if (remaining.equals(Quota.ZERO)) {
            release(requestId);
            return;
        }
        Quota freed = row.demand().minus(remaining);
        if (freed.equals(Quota.ZERO) || !remaining.exceeding(row.demand()).isEmpty()) {
            return;
        }
        lockTenant(row.tenantId());
        jdbc.sql("update quota_reservation set vcpus = ?, memory_mib = ?, disk_gib = ?, gpus = ?, vms = ?, k8s_nodes = ? "
                        + "where request_id = ? and state = 'RESERVED'")
                .params(remaining.vcpus(), remaining.memoryMiB(), remaining.diskGiB(), remaining.gpus(), remaining.vms(),
                        remaining.k8sNodes(), requestId)
                .update();
        events.publishEvent(new QuotaReleased(row.tenantId(), row.projectId(), requestId, freed));
    }

    @Override
    @Transactional(readOnly = true)
    public ProjectUsage usage(String tenantId, String projectId) {
        Project project = project(tenant(tenantId), projectId);
        return new ProjectUsage(tenantId, projectId, projectQuota(tenantId, project), sum(tenantId, projectId));
    }

    /** {@inheritDoc} The usage's project id is null. */
    @Override
    @Transactional(readOnly = true)
    public ProjectUsage tenantUsage(String tenantId) {
        return new ProjectUsage(tenantId, null, tenant(tenantId).quota(), sum(tenantId, null));
    }

    @Override
    @Transactional
    public Quota raise(String tenantId, String projectId, String requestId, Quota amount) {
        Project project = project(tenant(tenantId), projectId);
        lockTenant(tenantId);
        boolean applied = jdbc.sql("select count(*) from quota_adjustment where request_id = ?").param(requestId)
                .query(Long.class).single() > 0;
        if (!applied) {
            jdbc.sql("insert into quota_adjustment (request_id, tenant_id, project_id, vcpus, memory_mib, disk_gib, gpus, "
                            + "vms, k8s_nodes, applied_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                    .params(requestId, tenantId, projectId, amount.vcpus(), amount.memoryMiB(), amount.diskGiB(),
                            amount.gpus(), amount.vms(), amount.k8sNodes(), Timestamp.from(clock.instant()))
                    .update();
        }
        Quota now = projectQuota(tenantId, project);
        if (!applied) {
            events.publishEvent(new QuotaRaised(tenantId, projectId, requestId, amount, now));
        }
        return now;
    }

    /** The project's quota from tenants-config plus every approved raise. */
    private Quota projectQuota(String tenantId, Project project) {
        Quota raised = jdbc.sql("select coalesce(sum(vcpus), 0), coalesce(sum(memory_mib), 0), coalesce(sum(disk_gib), 0), "
                        + "coalesce(sum(gpus), 0), coalesce(sum(vms), 0), coalesce(sum(k8s_nodes), 0) "
                        + "from quota_adjustment where tenant_id = ? and project_id = ?")
                .params(tenantId, project.id())
                .query(JdbcQuotaService::sums).single();
        return project.quota().plus(raised);
    }

    /** Lock rows exist before the first reservation, so that concurrent first reservations need no insert race. */
    @EventListener
    void createLockRows(TenantsConfigReloaded reloaded) {
        reloaded.tenantIds().forEach(this::createLockRow);
    }

    private void lockTenant(String tenantId) {
        if (jdbc.sql("select tenant_id from quota_lock where tenant_id = ? for update").param(tenantId)
                .query(String.class).optional().isEmpty()) {
            // not announced yet: create the row in a transaction of its own (racing inserts inside the
            // reserving transactions deadlock on InnoDB), then lock it here
            separately.executeWithoutResult(tx -> createLockRow(tenantId));
            jdbc.sql("select tenant_id from quota_lock where tenant_id = ? for update").param(tenantId)
                    .query(String.class).single();
        }
    }

    private void createLockRow(String tenantId) {
        if (jdbc.sql("select count(*) from quota_lock where tenant_id = ?").param(tenantId).query(Long.class).single() > 0) {
            return;
        }
        try {
            jdbc.sql("insert into quota_lock (tenant_id) values (?)").param(tenantId).update();
        } catch (DuplicateKeyException concurrentlyCreated) {
            // another transaction created it: it exists, which is all we need
        }
    }

    private Quota sum(String tenantId, String projectId) {
        String sql = projectId == null ? SUMS : SUMS + " and project_id = ?";
        JdbcClient.StatementSpec statement = jdbc.sql(sql).param(tenantId);
        if (projectId != null) {
            statement = statement.param(projectId);
        }
        return statement.query(JdbcQuotaService::sums).single();
    }

    /** A row of the six summed quota columns, in Quota's order. */
    private static Quota sums(ResultSet rs, int rowNum) throws SQLException {
        return new Quota(rs.getInt(1), rs.getLong(2), rs.getLong(3), rs.getInt(4), rs.getInt(5), rs.getInt(6));
    }

    private Optional<Row> find(String requestId) {
        return jdbc.sql("select " + COLUMNS + " from quota_reservation where request_id = ?").param(requestId)
                .query(JdbcQuotaService::row).optional();
    }

    private Tenant tenant(String tenantId) {
        return tenants.find(tenantId).orElseThrow(() -> new TenantNotFound(tenantId));
    }

    private static Project project(Tenant tenant, String projectId) {
        return tenant.project(projectId).orElseThrow(() -> new ProjectNotFound(tenant.id(), projectId));
    }

    private record Row(String tenantId, String projectId, QuotaReservation reservation) {

        Quota demand() {
            return reservation.demand();
        }
    }

    private static Row row(ResultSet rs, int rowNum) throws SQLException {
        Quota demand = new Quota(rs.getInt("vcpus"), rs.getLong("memory_mib"), rs.getLong("disk_gib"),
                rs.getInt("gpus"), rs.getInt("vms"), rs.getInt("k8s_nodes"));
        String exceeded = rs.getString("exceeded");
        List<String> dimensions = exceeded.isEmpty() ? List.of() : Arrays.asList(exceeded.split(","));
        return new Row(rs.getString("tenant_id"), rs.getString("project_id"),
                new QuotaReservation(rs.getString("request_id"), demand, rs.getBoolean("over_quota"), dimensions));
    }
}

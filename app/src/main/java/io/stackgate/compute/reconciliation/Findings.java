package io.stackgate.compute.reconciliation;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.stackgate.compute.Finding.Kind;
import io.stackgate.compute.Finding.Resolution;
import io.stackgate.compute.Finding;
import io.stackgate.compute.reconciliation.HostComparison.Condition;
import io.stackgate.web.Page;
import io.stackgate.web.PageRequest;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

/** The {@code reconciliation_finding} table. */
@Repository
class Findings {

    private static final String COLUMNS = "id, host, domain_name, domain_uuid, request_id, vm_index, tenant_id, kind, "
            + "detail, first_seen, last_seen, resolved_at, resolution, resolved_by";

    private final JdbcClient jdbc;

    Findings(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<Finding> find(long id) {
        return jdbc.sql("select " + COLUMNS + " from reconciliation_finding where id = ?").param(id)
                .query(Findings::map).optional();
    }

    List<Finding> openOn(String host) {
        return jdbc.sql("select " + COLUMNS + " from reconciliation_finding where host = ? and resolved_at is null")
                .param(host).query(Findings::map).list();
    }

    /** One page, newest first; {@code host} and {@code open} narrow it when given (indexes on host and last_seen). */
    Page<Finding> search(String host, Boolean open, PageRequest page) {
        StringBuilder where = new StringBuilder(" where 1 = 1");
        Map<String, Object> params = new HashMap<>();
        if (host != null) {
            where.append(" and host = :host");
            params.put("host", host);
        }
        if (open != null) {
            where.append(open ? " and resolved_at is null" : " and resolved_at is not null");
        }
        long total = jdbc.sql("select count(*) from reconciliation_finding" + where).params(params)
                .query(Long.class).single();
        params.put("limit", page.size());
        params.put("offset", page.offset());
        List<Finding> items = jdbc.sql("select " + COLUMNS + " from reconciliation_finding" + where
                        + " order by last_seen desc, id desc limit :limit offset :offset")
                .params(params).query(Findings::map).list();
        return Page.of(items, page, total);
    }

    /** Opens a finding for the condition; empty when a concurrent run (another instance) opened it first. */
    Optional<Finding> open(String host, Condition condition, Instant at) {
        try {
            return Optional.of(insert(host, condition, at, null));
        } catch (DuplicateKeyException openedConcurrently) {
            return Optional.empty();
        }
    }

    /** Records a condition that was corrected as it was found: resolved from the start. */
    Finding corrected(String host, Condition condition, Instant at) {
        return insert(host, condition, at, Resolution.CORRECTED);
    }

    /** The condition still holds: the finding was seen again, perhaps with a new detail. */
    Finding seen(Finding finding, String detail, Instant at) {
        jdbc.sql("update reconciliation_finding set last_seen = ?, detail = ? where id = ?")
                .params(Timestamp.from(at), detail, finding.id()).update();
        return find(finding.id()).orElseThrow();
    }

    /** Resolves the finding unless it is resolved already (by a concurrent run or an operator): then empty. */
    Optional<Finding> resolve(Finding finding, Resolution resolution, String by, Instant at) {
        int updated = jdbc.sql("update reconciliation_finding set resolved_at = ?, resolution = ?, resolved_by = ?, "
                        + "open_key = null where id = ? and resolved_at is null")
                .params(Timestamp.from(at), resolution.name(), by, finding.id()).update();
        return updated == 1 ? find(finding.id()) : Optional.empty();
    }

    private Finding insert(String host, Condition condition, Instant at, Resolution resolution) {
        KeyHolder key = new GeneratedKeyHolder();
        Timestamp now = Timestamp.from(at);
        jdbc.sql("insert into reconciliation_finding (host, domain_name, domain_uuid, request_id, vm_index, tenant_id, "
                        + "kind, detail, first_seen, last_seen, resolved_at, resolution, open_key) "
                        + "values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(host, condition.domain(), condition.domainUuid(), condition.requestId(), condition.vmIndex(),
                        condition.tenantId(), condition.kind().name(), condition.detail(), now, now,
                        resolution == null ? null : now, resolution == null ? null : resolution.name(),
                        resolution == null ? openKey(host, condition.domain(), condition.kind()) : null)
                .update(key, "id");
        return find(key.getKey().longValue()).orElseThrow();
    }

    private static String openKey(String host, String domain, Kind kind) {
        return host + "/" + domain + "/" + kind.name();
    }

    private static Finding map(ResultSet rs, int row) throws SQLException {
        String resolution = rs.getString("resolution");
        return new Finding(rs.getLong("id"), rs.getString("host"), rs.getString("domain_name"),
                rs.getString("domain_uuid"), rs.getString("request_id"), rs.getObject("vm_index", Integer.class),
                rs.getString("tenant_id"), Kind.valueOf(rs.getString("kind")), rs.getString("detail"),
                instant(rs, "first_seen"), instant(rs, "last_seen"), instant(rs, "resolved_at"),
                resolution == null ? null : Resolution.valueOf(resolution), rs.getString("resolved_by"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp value = rs.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }
}

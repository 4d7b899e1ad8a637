package io.stackgate.audit.log;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import io.stackgate.audit.AuditEntry;
import io.stackgate.audit.AuditFilter;
import io.stackgate.audit.AuditLog;
import io.stackgate.audit.ChainHead;
import io.stackgate.audit.MayNotReadAudit;
import io.stackgate.identity.Caller;
import io.stackgate.web.Page;
import io.stackgate.web.PageRequest;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Reads the audit log: the chain's head, a request's rows, and searches scoped to what the caller may audit. */
@Service
public class JdbcAuditLog implements AuditLog {

    private final AuditStore store;

    JdbcAuditLog(AuditStore store) {
        this.store = store;
    }

    @Override
    @Transactional(readOnly = true)
    public ChainHead head() {
        return store.head();
    }

    @Override
    @Transactional(readOnly = true)
    public List<AuditEntry> ofRequest(String requestId) {
        return store.ofRequest(requestId);
    }

    /**
     * Rows matching the filter, newest first, of the tenants the caller audits: an auditor's tenants, the tenants a
     * tenant admin administers; platform admins and operators every tenant and the platform-wide rows (hosts,
     * tenants-config, directory, refusals of callers without a tenant). Anyone else is refused.
     */
    @Transactional(readOnly = true)
    public Page<AuditEntry> search(Caller caller, AuditFilter filter, PageRequest page) {
        Set<String> tenants = auditedTenants(caller);
        boolean platform = caller.isPlatformWide();
        StringBuilder where = new StringBuilder(" where 1 = 1");
        Map<String, Object> params = new LinkedHashMap<>();
        if (filter.tenant() != null) {
            if (!platform && !tenants.contains(filter.tenant())) {
                return Page.of(List.of(), page, 0);
            }
            where.append(" and tenant_id = :tenant");
            params.put("tenant", filter.tenant());
        } else if (!platform) {
            where.append(" and tenant_id in (:tenants)");
            params.put("tenants", new ArrayList<>(tenants));
        }
        if (filter.subject() != null) {
            where.append(" and (subject_id = :subject or request_id = :subject)");
            params.put("subject", filter.subject());
        }
        if (filter.actor() != null) {
            where.append(" and actor_name = :actor");
            params.put("actor", filter.actor());
        }
        if (filter.action() != null) {
            if (filter.action().endsWith(".")) {
                where.append(" and action like :action");
                params.put("action", filter.action().replace("%", "") + "%");
            } else {
                where.append(" and action = :action");
                params.put("action", filter.action());
            }
        }
        if (filter.from() != null) {
            where.append(" and occurred_at >= :from");
            params.put("from", Timestamp.from(filter.from()));
        }
        if (filter.to() != null) {
            where.append(" and occurred_at < :to");
            params.put("to", Timestamp.from(filter.to()));
        }
        long total = store.count(where.toString(), params);
        return Page.of(store.find(where.toString(), params, page.size(), page.offset()), page, total);
    }

    /** The tenants whose rows the caller may read; refuses callers who audit nothing. */
    static Set<String> auditedTenants(Caller caller) {
        Set<String> tenants = new TreeSet<>();
        if (caller.isAuditor() || caller.isPlatformWide()) {
            tenants.addAll(caller.tenants());
        }
        tenants.addAll(caller.administeredTenants());
        if (tenants.isEmpty() && !caller.isPlatformWide()) {
            throw new MayNotReadAudit();
        }
        return tenants;
    }
}

-- approvals: one row per change of a tenant's open approval tasks (created, decided or gone, claimed, released,
-- escalated), written in the same transaction as the change. An inbox's version is the newest id of its tenants: the UI
-- polls it (GET /api/tasks/version) instead of reloading the inbox. Append-only, so concurrent changes never wait on
-- one counter row; older rows of a tenant are pruned (only the newest matters). Portable across H2 2.x, MariaDB, MySQL.

create table approval_inbox_change (
    id         bigint      not null auto_increment primary key,
    tenant_id  varchar(64) not null,
    changed_at timestamp   not null
);
create index ix_approval_inbox_change_tenant on approval_inbox_change (tenant_id, id);

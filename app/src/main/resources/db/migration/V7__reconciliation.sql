-- compute: what reconciliation found when it compared the hosts' domains with vm_instance (orphans, lost VMs,
-- drift in state or size). A finding stays open while its condition holds and is resolved when it ends.
-- Portable across H2 2.x, MariaDB 10.11 and MySQL 8: no vendor syntax (auto_increment is accepted by all three).

create table reconciliation_finding (
    id          bigint        not null auto_increment primary key,
    host        varchar(64)   not null,
    domain_name varchar(128)  not null,
    domain_uuid varchar(36)   null,
    request_id  varchar(64)   null,
    vm_index    int           null,
    tenant_id   varchar(64)   null,
    -- ORPHAN, LOST, DRIFT_STATE, DRIFT_SIZE
    kind        varchar(16)   not null,
    detail      varchar(1000) not null,
    first_seen  timestamp     not null,
    last_seen   timestamp     not null,
    resolved_at timestamp     null,
    -- GONE, CORRECTED, RETURNED, DESTROYED
    resolution  varchar(32)   null,
    resolved_by varchar(255)  null,
    -- host/domain/kind while open, null once resolved: the unique index below allows one open finding per
    -- condition (every NULL is distinct), so two instances reconciling at once cannot both open it
    open_key    varchar(255)  null
);

create unique index reconciliation_finding_open on reconciliation_finding (open_key);
create index reconciliation_finding_host on reconciliation_finding (host, resolved_at);

-- tenancy: quota reservations (usage = sum of RESERVED rows) and one lock row per tenant.
-- Portable across H2 2.x, MariaDB 10.11 and MySQL 8: no vendor syntax.

create table quota_reservation (
    request_id  varchar(64)  not null primary key,
    tenant_id   varchar(32)  not null,
    project_id  varchar(32)  not null,
    vcpus       int          not null,
    memory_mib  bigint       not null,
    disk_gib    bigint       not null,
    gpus        int          not null,
    vms         int          not null,
    k8s_nodes   int          not null,
    over_quota  boolean      not null,
    exceeded    varchar(400) not null,
    state       varchar(16)  not null,
    reserved_at timestamp    not null,
    released_at timestamp    null
);

create index quota_reservation_usage on quota_reservation (tenant_id, state, project_id);

-- reservations of one tenant serialise on this row (select ... for update)
create table quota_lock (
    tenant_id varchar(32) not null primary key
);

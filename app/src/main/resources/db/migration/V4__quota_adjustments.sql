-- Approved quota-change requests: each raises its project's quota by its amounts, once.
create table quota_adjustment (
    request_id  varchar(64)  not null primary key,
    tenant_id   varchar(64)  not null,
    project_id  varchar(64)  not null,
    vcpus       int          not null,
    memory_mib  bigint       not null,
    disk_gib    bigint       not null,
    gpus        int          not null,
    vms         int          not null,
    k8s_nodes   int          not null,
    applied_at  timestamp    not null
);
create index ix_quota_adjustment_project on quota_adjustment (tenant_id, project_id);

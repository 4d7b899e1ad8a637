-- audit reports: the read model the manager and auditor reports query, written by the reports' event listeners in the
-- same transaction as each domain event (never read from the other capabilities' tables). Durations are whole
-- seconds in bigint columns so the reports do arithmetic the same way on H2 2.x, MariaDB 10.11 and MySQL 8.

-- one row per request: what was asked, its status now and the moments of its life
create table report_request (
    request_id          varchar(64)   not null primary key,
    tenant_id           varchar(64)   not null,
    project_id          varchar(64)   not null,
    type                varchar(32)   not null,
    requester           varchar(255)  not null,
    status              varchar(32)   not null,
    monthly_cost        decimal(19,4) not null,
    over_quota          boolean       not null,
    submitted_at        timestamp     not null,
    -- the latest approval decision: the next level's lead time starts here (approvals are sequential)
    last_decision_at    timestamp     null,
    -- COMPLETED: its resources run from here; submit_to_running_s is the whole wait
    running_at          timestamp     null,
    submit_to_running_s bigint        null,
    ended_at            timestamp     null,
    -- the last of its resources was decommissioned (the end of its showback)
    decommissioned_at   timestamp     null
);

create index report_request_period on report_request (submitted_at, tenant_id);
create index report_request_tenant_period on report_request (tenant_id, submitted_at);
create index report_request_running on report_request (running_at, decommissioned_at);

-- one row per approval decision: who decided what, when, with which comment, and how long the level waited
create table report_approval (
    id          bigint        not null auto_increment primary key,
    request_id  varchar(64)   not null,
    tenant_id   varchar(64)   not null,
    project_id  varchar(64)   not null,
    type        varchar(32)   not null,
    level_name  varchar(64)   not null,
    decision    varchar(32)   not null,
    approver    varchar(255)  not null,
    comment     varchar(2000) null,
    started_at  timestamp     not null,
    decided_at  timestamp     not null,
    lead_s      bigint        not null,
    sla_s       bigint        null,
    sla_breached boolean      not null
);

create index report_approval_period on report_approval (decided_at, tenant_id);
create index report_approval_tenant_period on report_approval (tenant_id, decided_at);
create index report_approval_approver on report_approval (approver, decided_at);
create index report_approval_request on report_approval (request_id);

-- one row per resource a request made (vm, node, namespace): live while until_at is null
create table report_resource (
    kind        varchar(16)   not null,
    request_id  varchar(64)   not null,
    item_index  int           not null,
    tenant_id   varchar(64)   not null,
    project_id  varchar(64)   not null,
    name        varchar(255)  not null,
    -- the hypervisor host of a VM, the cluster of a node or namespace
    location    varchar(255)  not null,
    arch        varchar(16)   null,
    since_at    timestamp     not null,
    until_at    timestamp     null,
    primary key (kind, request_id, item_index)
);

create index report_resource_live on report_resource (tenant_id, until_at);
create index report_resource_request on report_resource (request_id, until_at);

-- every change of a project's reserved quota or of its limit, as signed amounts: use and limit over time
create table report_quota_change (
    id          bigint        not null auto_increment primary key,
    tenant_id   varchar(64)   not null,
    project_id  varchar(64)   not null,
    request_id  varchar(64)   not null,
    -- RESERVED, RELEASED (use) or RAISED (limit)
    kind        varchar(16)   not null,
    vcpus       int           not null,
    memory_mib  bigint        not null,
    disk_gib    bigint        not null,
    gpus        int           not null,
    vms         int           not null,
    k8s_nodes   int           not null,
    changed_at  timestamp     not null
);

create index report_quota_change_project on report_quota_change (tenant_id, project_id, changed_at);
create index report_quota_change_period on report_quota_change (changed_at, tenant_id);

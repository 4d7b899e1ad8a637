-- Requests: what was asked, by whom, where it stands. The process engine keeps the flow; this keeps the facts.
create table resource_request (
    id                  varchar(36)   not null primary key,
    tenant_id           varchar(64)   not null,
    project_id          varchar(64)   not null,
    org_unit            varchar(64)   not null,
    type                varchar(32)   not null,
    spec                text          not null,
    justification       varchar(2000) not null,
    requester           varchar(255)  not null,
    status              varchar(32)   not null,
    monthly_cost        decimal(14,2) not null,
    currency            varchar(3)    not null,
    over_quota          boolean       not null,
    process_instance_id varchar(64),
    outcome             varchar(2000),
    created_at          timestamp     not null,
    updated_at          timestamp     not null
);
create index ix_request_tenant_status on resource_request (tenant_id, status);
create index ix_request_requester on resource_request (requester);

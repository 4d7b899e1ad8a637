-- Approval decisions: one row per completed approval task, the basis of separation of duties.
create table approval_decision (
    task_id     varchar(64)   not null primary key,
    request_id  varchar(36)   not null,
    tenant_id   varchar(64)   not null,
    level       varchar(64)   not null,
    decision    varchar(16)   not null,
    decided_by  varchar(255)  not null,
    comment     varchar(2000),
    decided_at  timestamp     not null
);
create index ix_decision_request on approval_decision (request_id, decided_by);

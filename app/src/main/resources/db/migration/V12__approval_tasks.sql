-- approvals: the open approval tasks as the inbox reads them, kept in the engine's own transaction by a task listener
-- (created / completed / deleted) and by the approval service (claim, delegation, release, escalation). One indexed
-- query answers an inbox page: no look-up per task in the engine, nothing read twice while a task is being decided.

create table approval_task (
    task_id             varchar(64)  not null primary key,
    request_id          varchar(36)  not null,
    tenant_id           varchar(64)  not null,
    -- copied from the request when the task is created: the inbox filters on them without reading requests' tables
    request_type        varchar(32)  not null,
    requester_id        varchar(255) not null,
    process_instance_id varchar(64)  not null,
    level               varchar(64)  not null,
    name                varchar(255) not null,
    -- who holds it: subject id (decisions go by it) and username (display); owner = who delegated it
    assignee_id         varchar(255) null,
    assignee            varchar(255) null,
    owner_id            varchar(255) null,
    owner               varchar(255) null,
    claimed_at          timestamp    null,
    escalated_to        varchar(255) null,
    created_at          timestamp    not null,
    due_at              timestamp    null
);
create index ix_approval_task_tenant_due on approval_task (tenant_id, due_at);
create index ix_approval_task_requester on approval_task (requester_id);
create index ix_approval_task_assignee on approval_task (assignee_id);
create index ix_approval_task_owner on approval_task (owner_id);
create index ix_approval_task_request on approval_task (request_id);
create index ix_approval_task_claimed on approval_task (claimed_at);

-- the candidate groups of each open task (Keycloak group paths, or role:<realm role>)
create table approval_task_group (
    task_id  varchar(64)  not null,
    group_id varchar(255) not null,
    primary key (task_id, group_id)
);
create index ix_approval_task_group on approval_task_group (group_id, task_id);

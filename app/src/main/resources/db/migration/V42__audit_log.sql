-- audit: the append-only audit log. Each row is written in the transaction of the change it records and linked to
-- the row before it by SHA-256 (prev_hash -> hash), one chain per installation; audit_head holds the newest link and
-- is locked by every append, so the chain has one order. Portable across H2 2.x, MariaDB 10.11 and MySQL 8.

create table audit_event (
    seq          bigint        not null primary key,
    -- whole seconds (what MySQL keeps), so that the stored time is the hashed time
    occurred_at  timestamp     not null,
    -- who did it: the token's subject and display name, or "system" for the engine's own jobs
    actor_id     varchar(255)  not null,
    actor_name   varchar(255)  not null,
    -- the approver who delegated the task the actor decided, when there is one
    acting_for   varchar(255)  null,
    -- null for platform-wide subjects (a host, the tenants-config, the directory)
    tenant_id    varchar(64)   null,
    -- what it is about: request, vm, namespace, node, host, config, directory, endpoint
    subject_kind varchar(32)   not null,
    subject_id   varchar(255)  not null,
    -- the request behind it, when there is one (a request's timeline reads its rows by this)
    request_id   varchar(64)   null,
    action       varchar(64)   not null,
    -- the event's facts as a JSON object, exactly as hashed
    details      varchar(8000) not null,
    prev_hash    char(64)      not null,
    hash         char(64)      not null
);

create index audit_event_tenant_time on audit_event (tenant_id, occurred_at);
create index audit_event_subject on audit_event (subject_kind, subject_id, seq);
create index audit_event_request on audit_event (request_id, seq);
create index audit_event_actor on audit_event (actor_name, occurred_at);
create index audit_event_action on audit_event (action, occurred_at);
create index audit_event_time on audit_event (occurred_at);

-- the newest link of the chain: one row, locked (select ... for update) by each append
create table audit_head (
    id   int          not null primary key,
    seq  bigint       not null,
    hash char(64)     not null
);
insert into audit_head (id, seq, hash) values (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');

-- signed checkpoints: the chain's head at a time, signed with the installation's Ed25519 key
create table audit_checkpoint (
    seq        bigint        not null primary key,
    hash       char(64)      not null,
    signed_at  timestamp     not null,
    key_id     varchar(64)   not null,
    signature  varchar(200)  not null
);

-- archived prefixes of the chain: rows older than the retention moved to a file (JSON lines), the chain continuing
-- from the last archived hash; the file's SHA-256 is kept to detect a changed file
create table audit_archive (
    last_seq     bigint        not null primary key,
    first_seq    bigint        not null,
    last_hash    char(64)      not null,
    before_time  timestamp     not null,
    file_name    varchar(1000) not null,
    file_sha256  char(64)      not null,
    rows_moved   bigint        not null,
    archived_at  timestamp     not null
);

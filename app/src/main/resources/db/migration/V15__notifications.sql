-- notifications: notices for a person (in-app now; the outbox that mail and webhook delivery will read later), each
-- written in the same transaction as the event that causes it. Portable across H2 2.x, MariaDB 10.11 and MySQL 8.

create table notification (
    id                bigint        not null auto_increment primary key,
    -- who it is for: the token's subject (sub), and the username for display and for mail later
    recipient_id      varchar(255)  not null,
    recipient_name    varchar(255)  not null,
    tenant_id         varchar(64)   null,
    -- what happened, e.g. LEASE_RENEWAL_DUE, LEASE_EXPIRED
    kind              varchar(64)   not null,
    -- what it is about: e.g. vm + its domain name, and the request behind it
    resource_kind     varchar(32)   not null,
    resource_id       varchar(255)  not null,
    request_id        varchar(64)   null,
    message           varchar(1000) not null,
    -- the event's facts as a JSON object, for templates and webhooks
    details           varchar(4000) not null,
    created_at        timestamp     not null,
    read_at           timestamp     null,
    -- outbox: PENDING until a delivery channel (mail, webhooks) has handled it, then DELIVERED or FAILED
    delivery_state    varchar(16)   not null,
    delivery_attempts int           not null default 0,
    delivered_at      timestamp     null
);

-- the caller's notices newest first, and only the unread ones
create index notification_recipient on notification (recipient_id, created_at);
create index notification_unread on notification (recipient_id, read_at, created_at);
-- what the outbox still has to deliver
create index notification_delivery on notification (delivery_state, created_at);

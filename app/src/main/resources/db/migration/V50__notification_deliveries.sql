-- notifications: the outbox's deliveries, one row per (notice, channel), written with the notice in the transaction of
-- its cause; and each person's preferences (language, e-mail address, muted kinds). Portable across H2 2.x,
-- MariaDB 10.11 and MySQL 8.

create table notification_delivery (
    id              bigint        not null auto_increment primary key,
    notification_id bigint        not null,
    -- mail, or webhook:<name> (a webhook of the notice's tenant in tenants-config)
    channel         varchar(80)   not null,
    -- PENDING (due at next_attempt_at) → SENDING (claimed until lease_until) → DELIVERED, or FAILED after the last
    -- attempt, or UNCERTAIN: a claim ran out on a channel whose receiver cannot drop a repeat, so it is not sent again
    state           varchar(16)   not null,
    attempts        int           not null default 0,
    next_attempt_at timestamp     not null,
    lease_until     timestamp     null,
    last_error      varchar(1000) null,
    delivered_at    timestamp     null,
    created_at      timestamp     not null,
    constraint notification_delivery_once unique (notification_id, channel),
    constraint notification_delivery_notice foreign key (notification_id) references notification (id)
);

-- what the worker picks next
create index notification_delivery_due on notification_delivery (state, next_attempt_at);

create table notification_preference (
    -- the person's subject (the token's sub)
    user_id     varchar(255)  not null primary key,
    username    varchar(255)  not null,
    -- en or zh-CN as the person chose it; null: token_locale, else en
    locale      varchar(16)   null,
    -- the locale claim of the person's token when they last looked at their notices (en or zh-CN)
    token_locale varchar(16)  null,
    -- where mail goes; null: no mail
    email       varchar(320)  null,
    -- comma-separated notice kinds the person does not want mailed nor counted as unread
    muted_kinds varchar(2000) not null,
    updated_at  timestamp     not null
);

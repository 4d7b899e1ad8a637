-- notifications: notices to write later (a VM's deletion a day ahead), kept with the change that schedules them and
-- cancelled by the change that makes them moot (a renewal). Portable across H2 2.x, MariaDB 10.11 and MySQL 8.

create table notification_reminder (
    id           bigint        not null auto_increment primary key,
    -- what it is about, e.g. lease-deletion:<request id>#<vm index>: a later schedule for the same subject replaces it
    subject      varchar(255)  not null,
    due_at       timestamp     not null,
    -- PENDING until due, then WRITTEN (the notice exists), or CANCELLED
    state        varchar(16)   not null,
    -- the notice to write, as JSON (recipient, kind, resource, message, details)
    notice       varchar(4000) not null,
    created_at   timestamp     not null
);

create index notification_reminder_due on notification_reminder (state, due_at);
create index notification_reminder_subject on notification_reminder (subject, state);

-- requests: an operator's resolution of an incident the engine cannot resolve itself (a provisioningFailed incident is
-- history once its process compensated and ended): who acknowledged it, when and why. Portable across H2 and MariaDB.

create table incident_acknowledgement (
    incident_id     varchar(64)   not null primary key,
    acknowledged_by varchar(255)  not null,
    comment         varchar(2000) not null,
    acknowledged_at timestamp     not null
);

-- ShedLock's table: a scheduled pass that must run on one instance at a time (leases, reconciliation, the RBAC full
-- pass) holds its row until lock_until. Times are the database's own UTC clock (usingDbTime), so datetime rather
-- than timestamp (no session time-zone conversion on MySQL/MariaDB). Portable across H2 2.x, MariaDB 10.11, MySQL 8.

create table shedlock (
    name       varchar(64)  not null primary key,
    lock_until datetime(3)  not null,
    locked_at  datetime(3)  not null,
    locked_by  varchar(255) not null
);

-- tenancy: every tenants-config version put in force, in the database all instances share. A reload (or an instance
-- started with a folder no version held) stores the next version; every instance applies the newest one, from the
-- files stored here rather than from its own folder, which may be stale.
-- Portable across H2 2.x, MariaDB 10.11 and MySQL 8 (longtext is a character type on H2 too).

create table tenants_config_version (
    version        bigint       not null primary key,
    -- SHA-256 of the files (name and text, in name order): tells a folder that held an earlier version
    content_sha256 varchar(64)  not null,
    -- who put it in force: the platform admin who reloaded, or instance:<host> for a start with a new folder
    applied_by     varchar(255) not null,
    applied_at     timestamp    not null,
    -- RELOAD or START
    source         varchar(16)  not null
);

create index tenants_config_version_content on tenants_config_version (content_sha256);

create table tenants_config_file (
    version bigint       not null,
    name    varchar(255) not null,
    content longtext     not null,
    primary key (version, name),
    constraint tenants_config_file_version foreign key (version) references tenants_config_version (version)
);

-- compute: the VMs Stackgate provisions (one row per VM of a request, from placement to decommission), and the
-- isolated network each tenant project gets on the hosts (one /24 per project, the same on every host).

create table vm_instance (
    request_id       varchar(64)   not null,
    vm_index         int           not null,
    tenant_id        varchar(64)   not null,
    project_id       varchar(64)   not null,
    owner_name       varchar(255)  not null,
    domain_name      varchar(128)  not null,
    domain_uuid      varchar(36)   not null,
    hostname         varchar(63)   not null,
    arch             varchar(16)   not null,
    image            varchar(128)  not null,
    vcpus            int           not null,
    memory_mib       bigint        not null,
    disk_gib         bigint        not null,
    gpu_count        int           not null,
    host             varchar(64)   null,
    gpus             varchar(400)  null,
    network_name     varchar(128)  null,
    mac_address      varchar(17)   null,
    ip_address       varchar(64)   null,
    -- PENDING, WAITING (no capacity yet), PROVISIONING, RUNNING, STOPPED, FAILED, DECOMMISSIONED, LOST
    state            varchar(16)   not null,
    state_reason     varchar(1000) null,
    lease_expires_at timestamp     null,
    created_at       timestamp     not null,
    updated_at       timestamp     not null,
    primary key (request_id, vm_index)
);

create unique index vm_instance_domain on vm_instance (domain_name);
create index vm_instance_scope on vm_instance (tenant_id, project_id, state);

create table project_network (
    tenant_id    varchar(64)  not null,
    project_id   varchar(64)  not null,
    -- n-th /24 of the platform's range, allocated once and kept
    subnet_index int          not null,
    network_name varchar(128) not null,
    bridge       varchar(15)  not null,
    primary key (tenant_id, project_id)
);

create unique index project_network_subnet on project_network (subnet_index);
create unique index project_network_bridge on project_network (bridge);

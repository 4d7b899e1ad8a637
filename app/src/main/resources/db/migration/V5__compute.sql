-- compute: host capacity reserved per VM of a request (allocation = sum of RESERVED rows) and one lock row per
-- host. Portable across H2 2.x, MariaDB 10.11 and MySQL 8: no vendor syntax.

create table host_reservation (
    request_id  varchar(64)  not null,
    vm_index    int          not null,
    host        varchar(64)  not null,
    vcpus       int          not null,
    memory_mib  bigint       not null,
    disk_gib    bigint       not null,
    -- PCI addresses of the GPUs given to the VM, comma-separated; empty for none
    gpus        varchar(400) not null,
    state       varchar(16)  not null,
    reserved_at timestamp    not null,
    released_at timestamp    null,
    primary key (request_id, vm_index)
);

create index host_reservation_allocation on host_reservation (host, state);

-- placements on a host serialise on its row (select ... for update)
create table host_lock (
    host varchar(64) not null primary key
);

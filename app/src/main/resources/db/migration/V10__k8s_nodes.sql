-- kubernetes: the worker nodes of node-pool requests, one row per node (the VM is vm_instance with the same index).

create table k8s_node (
    request_id       varchar(64)   not null,
    node_index       int           not null,
    cluster_name     varchar(63)   not null,
    node_name        varchar(253)  not null,
    tenant_id        varchar(64)   not null,
    project_id       varchar(64)   not null,
    arch             varchar(16)   not null,
    -- the bootstrap token's public id (its secret half lives only in the cluster's Secret and the VM's seed)
    token_id         varchar(6)    null,
    -- JOINING, READY, FAILED, DRAINING, DELETED
    state            varchar(16)   not null,
    state_reason     varchar(1000) null,
    -- when the decommission drain_request_id began draining the node (its drain timeout counts from there)
    drain_started_at timestamp     null,
    drain_request_id varchar(64)   null,
    created_at       timestamp     not null,
    updated_at       timestamp     not null,
    primary key (request_id, node_index)
);

create index k8s_node_name on k8s_node (cluster_name, node_name);
create index k8s_node_scope on k8s_node (tenant_id, project_id, state);

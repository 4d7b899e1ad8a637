-- kubernetes: the project namespaces Stackgate created, per cluster.

create table k8s_namespace (
    cluster_name varchar(63)   not null,
    name         varchar(63)   not null,
    tenant_id    varchar(64)   not null,
    project_id   varchar(64)   not null,
    request_id   varchar(64)   not null,
    -- PROVISIONING, ACTIVE, FAILED, DELETED
    state        varchar(16)   not null,
    state_reason varchar(1000) null,
    created_at   timestamp     not null,
    updated_at   timestamp     not null,
    primary key (request_id)
);

-- one live namespace of a name per cluster is checked at submit; a deleted one's name may come back
create index k8s_namespace_name on k8s_namespace (cluster_name, name);
create index k8s_namespace_scope on k8s_namespace (tenant_id, project_id, state);

-- kubernetes: one live namespace of a name per cluster, held from submit; each namespace's share of its project's quota.
-- Portable across H2 2.x, MariaDB 10.11 and MySQL 8: no vendor syntax.

-- <cluster>/<name> while the namespace is RESERVED (its request submitted), PROVISIONING or ACTIVE; null once it is
-- FAILED or DELETED, so that the name may come back (NULLs never collide in a unique index)
alter table k8s_namespace add column live_key varchar(130) null;

-- the namespace's share of its project's quota (its ResourceQuota); null: made before shares existed, the configured
-- default share applies (stackgate.kubernetes.namespaces.default-quota) and nothing was reserved for it
alter table k8s_namespace add column quota_vcpus int null;
alter table k8s_namespace add column quota_memory_mib bigint null;
alter table k8s_namespace add column quota_disk_gib bigint null;
alter table k8s_namespace add column quota_gpus int null;

-- existing live rows: one per name keeps it (two live rows of one name could come from the race this closes; the
-- other stays as it is, without a live key)
create table k8s_namespace_v20_live (
    request_id varchar(64) not null primary key
);
insert into k8s_namespace_v20_live (request_id)
    select min(request_id) from k8s_namespace where state in ('PROVISIONING', 'ACTIVE') group by cluster_name, name;
update k8s_namespace set live_key = concat(cluster_name, '/', name)
    where request_id in (select request_id from k8s_namespace_v20_live);
drop table k8s_namespace_v20_live;

create unique index k8s_namespace_live on k8s_namespace (live_key);

-- approved quota-change requests that grew a namespace's share, once each; their reservations go with the namespace
create table k8s_namespace_quota_change (
    request_id           varchar(64) not null primary key,
    namespace_request_id varchar(64) not null,
    vcpus                int         not null,
    memory_mib           bigint      not null,
    disk_gib             bigint      not null,
    gpus                 int         not null,
    applied_at           timestamp   not null
);
create index k8s_namespace_quota_change_namespace on k8s_namespace_quota_change (namespace_request_id);

-- Indexes for the paginated listings (GET /api/resources, GET /api/reconciliation/findings) and the per-host queries of
-- reconciliation: each page is one indexed query in the listing's order, each count another.

create index vm_instance_tenant_created on vm_instance (tenant_id, created_at);
create index vm_instance_host on vm_instance (host, state);
create index k8s_namespace_tenant_created on k8s_namespace (tenant_id, created_at);
create index k8s_node_tenant_created on k8s_node (tenant_id, created_at);
create index reconciliation_finding_seen on reconciliation_finding (last_seen, id);
create index reconciliation_finding_host_seen on reconciliation_finding (host, last_seen);

-- requests: lists are newest first within the caller's tenants, optionally per project or type
create index ix_request_tenant_created on resource_request (tenant_id, created_at);
create index ix_request_tenant_project_created on resource_request (tenant_id, project_id, created_at);
create index ix_request_type on resource_request (type);

-- audit reports at 1,000,000 requests: each report's query reads one index range of the caller's tenants and finds
-- every column it needs in the index itself (covering), instead of looking up each row in a table clustered by
-- another key (a random read per row once the table outgrows the database's buffer pool).

-- requests: submitted in the period, grouped by project, type and status, costs summed
create index report_request_tenant_counts on report_request (tenant_id, submitted_at, project_id, type, status,
    monthly_cost);
-- cost (running in the period, until decommissioned) and lead-times' submit-to-running
create index report_request_tenant_running on report_request (tenant_id, running_at, decommissioned_at, monthly_cost,
    project_id, submit_to_running_s);
-- lead-times: decisions of the period by level and approver
create index report_approval_tenant_leads on report_approval (tenant_id, decided_at, level_name, approver, lead_s,
    sla_breached, project_id);
-- resources: what ran at the period's end
create index report_resource_tenant_running on report_resource (tenant_id, since_at, until_at, project_id, kind, arch,
    location);
-- quota: every change of a project's use and limit, summed per month by the database
create index report_quota_change_sums on report_quota_change (tenant_id, project_id, changed_at, kind, vcpus,
    memory_mib, disk_gib, gpus, vms, k8s_nodes);

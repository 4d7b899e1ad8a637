import type { components } from '../../api/schema';

/**
 * The approvals API's shapes the inbox reads, as generated from ui/openapi.json (`npm run api:types`): TaskController's
 * TaskView (with the request as TaskRequest), BulkApprovalController's BulkResult, DecisionContexts' DecisionContext.
 */
type Schemas = components['schemas'];

/** An open approval task; its flat request fields (requestId, type, tenant, …) and the request itself. */
export type Task = Schemas['TaskView'];
export type TaskPage = Schemas['PageTaskView'];

export type BulkResult = Schemas['BulkResult'];
/** One task of a bulk approval: APPROVED, or REFUSED with the problem a single approval would have answered. */
export type BulkItemResult = Schemas['ItemResult'];

export type DecisionContext = Schemas['DecisionContext'];
/** An amount of every resource a quota limits (tenancy.Quota). */
export type QuotaAmount = Schemas['Quota'];

/** The request types the catalogue offers (their labels are in common:requestType). */
export const REQUEST_TYPES = ['vm', 'gpu-vm', 'k8s-nodes', 'namespace', 'quota-change', 'vm-resize', 'lease-renewal',
  'decommission'] as const;

/** The flat fields of a task row, from the top-level fields or, when a task lacks them, from its request. */
export function rowOf(task: Task) {
  return {
    id: task.id ?? '',
    requestId: task.requestId ?? task.request?.id,
    type: task.type ?? task.request?.type,
    tenant: task.tenant ?? task.request?.tenant,
    project: task.project ?? task.request?.project,
    requester: task.requester ?? task.request?.requester,
  };
}

/** What the request names (a VM's name, a pool's cluster, a namespace's suffix), to tell rows apart at a glance. */
export function specName(spec: unknown): string | undefined {
  if (typeof spec !== 'object' || spec === null) {
    return undefined;
  }
  const s = spec as Record<string, unknown>;
  const name = [s.name, s.suffix, s.cluster, s.namespace, s.requestId].find(v => typeof v === 'string' && v !== '');
  return name as string | undefined;
}

/**
 * Shapes of the approvals API the inbox reads. Until branch ui-api-approvals is merged (and ui/openapi.json holds them),
 * they mirror its Java records: TaskController.TaskView, BulkApprovalController.BulkResult,
 * DecisionContexts.DecisionContext, TaskController.InboxVersion.
 */

/** A request as the approver sees it (TaskController.RequestSummary). */
export interface TaskRequest {
  id?: string;
  tenant?: string;
  project?: string;
  orgUnit?: string;
  type?: string;
  requester?: string;
  justification?: string;
  monthlyCost?: number;
  currency?: string;
  overQuota?: boolean;
  spec?: unknown;
  hidden?: string[];
}

/** An open approval task (TaskController.TaskView); the flat request fields are new on ui-api-approvals. */
export interface Task {
  id?: string;
  name?: string;
  level?: string;
  requestId?: string;
  type?: string;
  tenant?: string;
  project?: string;
  requester?: string;
  candidateGroups?: string[];
  assignee?: string;
  delegatedBy?: string;
  claimedAt?: string;
  created?: string;
  due?: string;
  overdue?: boolean;
  escalated?: boolean;
  escalatedTo?: string;
  request?: TaskRequest;
}

export interface TaskPage {
  items?: Task[];
  page?: number;
  size?: number;
  total?: number;
  hasNext?: boolean;
}

export interface InboxVersion {
  version: number;
}

export type BulkOutcome = 'APPROVED' | 'REFUSED';

export interface BulkItemProblem {
  [key: string]: unknown;
  type?: string;
  title?: string;
  detail?: string;
  status?: number;
}

export interface BulkItemResult {
  taskId: string;
  requestId?: string | null;
  outcome: BulkOutcome;
  problem?: BulkItemProblem | null;
}

export interface BulkResult {
  results: BulkItemResult[];
  approved: number;
  refused: number;
}

/** An amount of every resource a quota limits (tenancy.Quota). */
export interface QuotaAmount {
  vcpus?: number;
  memoryMiB?: number;
  diskGiB?: number;
  gpus?: number;
  vms?: number;
  k8sNodes?: number;
}

export interface DecisionContext {
  taskId: string;
  requestId: string;
  tenant: string;
  project: string;
  type: string;
  requester?: { id?: string; name?: string };
  orgUnit?: { id?: string; path?: string };
  spec?: unknown;
  hidden?: string[];
  justification?: string;
  cost?: { monthly?: number; currency?: string; threshold?: number | null; overThreshold?: boolean };
  quota?: {
    quota?: QuotaAmount;
    demand?: QuotaAmount;
    usedBefore?: QuotaAmount;
    usedAfter?: QuotaAmount;
    exceededAfter?: string[];
  };
  earlierRequests?: { id: string; type?: string; status?: string; submitted?: string; requester?: string }[];
  level?: {
    level?: string;
    /** ISO-8601 duration ("PT8H") or seconds, as Jackson writes a Duration */
    sla?: string | number | null;
    created?: string;
    due?: string;
    overdue?: boolean;
    escalated?: boolean;
    escalatedTo?: string | null;
    assignee?: string | null;
  };
}

/** The request types the catalogue offers (their labels are in common:requestType). */
export const REQUEST_TYPES = ['vm', 'gpu-vm', 'k8s-nodes', 'namespace', 'quota-change', 'vm-resize', 'lease-renewal',
  'decommission'] as const;

/** The flat fields of a task row, from the new top-level fields or, on an older API, from its request. */
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

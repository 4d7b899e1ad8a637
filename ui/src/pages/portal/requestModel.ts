/**
 * What the request pages know of a request beyond the generated types: its statuses (colour, final, cancellable, as
 * io.stackgate.requests.RequestStatus says), its approval levels and timeline (io.stackgate.requests.ApprovalRecords),
 * and the diagram answer of GET /api/requests/{id}/diagram (io.stackgate.requests.web.RequestDiagram).
 */
import type { components } from '../../api/schema';

export const REQUEST_STATUSES = ['SUBMITTED', 'PENDING_APPROVAL', 'APPROVED', 'PROVISIONING', 'COMPLETED', 'REJECTED',
  'CANCELLED', 'FAILED'] as const;
export type RequestStatus = (typeof REQUEST_STATUSES)[number];

export const REQUEST_TYPES = ['vm', 'gpu-vm', 'k8s-nodes', 'namespace', 'quota-change', 'vm-resize', 'lease-renewal',
  'decommission'] as const;

/** The types the API stores (a GPU VM is a vm request with gpus), for the list's type filter. */
export const STORED_REQUEST_TYPES = REQUEST_TYPES.filter(type => type !== 'gpu-vm');

const FINAL: readonly string[] = ['COMPLETED', 'REJECTED', 'CANCELLED', 'FAILED'];
const CANCELLABLE: readonly string[] = ['SUBMITTED', 'PENDING_APPROVAL'];

/** A final status never changes again (RequestStatus.isTerminal): no more polling. */
export function isFinal(status: string | undefined): boolean {
  return !!status && FINAL.includes(status);
}

/** A request may be cancelled until it is approved (RequestStatus.isCancellable). */
export function isCancellable(status: string | undefined): boolean {
  return !!status && CANCELLABLE.includes(status);
}

/** Ant Design Tag colours per status: waiting blue/gold, moving cyan/processing, good green, bad red, gone grey. */
export function statusColor(status: string | undefined): string {
  switch (status) {
    case 'SUBMITTED':
      return 'blue';
    case 'PENDING_APPROVAL':
      return 'gold';
    case 'APPROVED':
      return 'cyan';
    case 'PROVISIONING':
      return 'processing';
    case 'COMPLETED':
      return 'success';
    case 'REJECTED':
    case 'FAILED':
      return 'error';
    case 'CANCELLED':
      return 'default';
    default:
      return 'default';
  }
}

/** How often a request page asks again while the request can still move (ms), false once it is final. */
export function pollInterval(status: string | undefined): number | false {
  if (!status) {
    return false;
  }
  return isFinal(status) ? false : 3_000;
}

/** A list row as GET /api/requests answers (RequestController.RequestSummary). */
export type RequestRow = components['schemas']['RequestSummary'];

/** One approval level (ApprovalRecords.Level): state WAITING, PENDING, APPROVED, REJECTED, CLOSED or SKIPPED. */
export interface ApprovalLevel {
  level?: string;
  state?: string;
  candidateGroup?: string;
  assignee?: string;
  due?: string;
  decidedBy?: string;
  decidedAt?: string;
  comment?: string;
  /** set by the API once it says so itself (RequestController.LevelView); else read from the timeline */
  escalated?: boolean;
  escalatedAt?: string;
}

/** One timeline line (ApprovalRecords.Entry); level null for the request as a whole. */
export interface TimelineEntry {
  at?: string;
  actor?: string;
  action?: string;
  level?: string;
  detail?: string;
}

export const LEVEL_STATES = ['WAITING', 'PENDING', 'APPROVED', 'REJECTED', 'CLOSED', 'SKIPPED'] as const;
export const TIMELINE_ACTIONS = ['submitted', 'approval-requested', 'claimed', 'delegated', 'escalated', 'approved',
  'rejected', 'request-approved', 'provisioning-started', 'completed', 'cancelled', 'failed'] as const;

export type StepStatus = 'wait' | 'process' | 'finish' | 'error';

/** The antd Steps status of a level: decided green (finish), rejected red, the pending one current. */
export function levelStepStatus(state: string | undefined): StepStatus {
  switch (state) {
    case 'APPROVED':
      return 'finish';
    case 'REJECTED':
      return 'error';
    case 'PENDING':
      return 'process';
    case 'CLOSED':
      return 'finish';
    default:
      return 'wait';
  }
}

/** The index of the level being decided now (the first PENDING), or -1 (all decided, or none asked yet). */
export function currentLevel(levels: ApprovalLevel[]): number {
  return levels.findIndex(level => level.state === 'PENDING');
}

/** The levels whose SLA ran out (an `escalated` line in the timeline names them). */
export function escalatedLevels(timeline: TimelineEntry[]): Set<string> {
  return new Set(timeline.filter(entry => entry.action === 'escalated' && entry.level).map(entry => entry.level!));
}

/** A pending level past its due time (the timer may not have fired yet). */
export function isOverdue(level: ApprovalLevel, now: number = Date.now()): boolean {
  return level.state === 'PENDING' && !!level.due && new Date(level.due).getTime() < now;
}

/** RequestDiagram.Activity: endTime absent while active. */
export type DiagramActivity = components['schemas']['Activity'];
/** A process the request's process called (provision-vm, join-k8s-node…), with its own XML and activities. */
export type CalledProcess = components['schemas']['CalledProcess'];
/** GET /api/requests/{id}/diagram; processDefinitionKey and bpmnXml absent while the request has no process yet. */
export type RequestDiagramAnswer = components['schemas']['Diagram'];

export type Marker = 'sg-completed' | 'sg-active';

/**
 * The marker of each activity of a diagram: active wins over completed (a loop or a level asked twice), cancelled
 * ones (an interrupted wait) get none. Multi-instance bodies (`Approval#multiInstanceBody`) mark their activity.
 */
export function activityMarkers(activities: DiagramActivity[] | undefined): Map<string, Marker> {
  const markers = new Map<string, Marker>();
  for (const activity of activities ?? []) {
    if (!activity.activityId) {
      continue;
    }
    const id = activity.activityId.replace(/#multiInstanceBody$/, '');
    if (activity.state === 'ACTIVE') {
      markers.set(id, 'sg-active');
    } else if (activity.state === 'COMPLETED' && !markers.has(id)) {
      markers.set(id, 'sg-completed');
    }
  }
  return markers;
}

/** Whether a diagram (or one it called) has an activity still going. */
export function diagramActive(diagram: RequestDiagramAnswer | undefined): boolean {
  if (!diagram) {
    return false;
  }
  return [diagram.activities, ...(diagram.calledProcesses ?? []).map(c => c.activities)]
    .some(list => (list ?? []).some(a => a.state === 'ACTIVE'));
}

/** The kind of resource a request type makes (for GET /api/resources?kind=), or undefined for one that makes none. */
export function resourceKindOf(type: string | undefined): 'vm' | 'k8s-node' | 'namespace' | undefined {
  switch (type) {
    case 'vm':
    case 'gpu-vm':
      return 'vm';
    case 'k8s-nodes':
      return 'k8s-node';
    case 'namespace':
      return 'namespace';
    default:
      return undefined;
  }
}

/**
 * What a timeline line or an outcome says beyond its action, in the user's language where the API writes English of
 * its own: the task name of an approval request (the level says it) is left out, "to bob" of a delegation and
 * "cancelled by alice" of an outcome become catalogue text; comments and failure causes stay as written.
 */
export type Said = { key: 'delegatedTo' | 'cancelledBy'; user: string } | { text: string } | undefined;

export function entryDetail(entry: TimelineEntry): Said {
  if (!entry.detail || entry.action === 'approval-requested') {
    return undefined;
  }
  const delegated = entry.action === 'delegated' ? /^to (.+)$/.exec(entry.detail) : null;
  return delegated ? { key: 'delegatedTo', user: delegated[1] } : { text: entry.detail };
}

export function outcomeText(outcome: string | undefined | null): Said {
  if (!outcome) {
    return undefined;
  }
  const cancelled = /^cancelled by (.+)$/.exec(outcome);
  return cancelled ? { key: 'cancelledBy', user: cancelled[1] } : { text: outcome };
}

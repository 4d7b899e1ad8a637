import type { DecisionContext, QuotaAmount } from './model';

/** The resources the decision screen shows a bar for, in the order shown. */
export const QUOTA_RESOURCES = ['vcpus', 'memoryMiB', 'diskGiB', 'gpus', 'vms', 'k8sNodes'] as const;
export type QuotaResource = (typeof QUOTA_RESOURCES)[number];

/** vCPU, memory, disk and GPUs always; VMs and nodes only when the quota limits them or the request asks for some. */
const ALWAYS: readonly QuotaResource[] = ['vcpus', 'memoryMiB', 'diskGiB', 'gpus'];

export interface QuotaRow {
  resource: QuotaResource;
  /** in display units: GiB for memory (MiB in the API), else as the API counts */
  limit: number;
  before: number;
  demand: number;
  after: number;
  /** percent of the limit (0–100 capped for the bar; >100 shows in `exceeded`) */
  percentBefore: number;
  percentAfter: number;
  exceeded: boolean;
  /** the limit is 0 and nothing is asked: the project may not use this resource at all */
  unlimitedOrNone: boolean;
}

function display(resource: QuotaResource, value: number | undefined): number {
  const n = value ?? 0;
  return resource === 'memoryMiB' ? Math.round((n / 1024) * 10) / 10 : n;
}

function percent(part: number, whole: number): number {
  if (whole <= 0) {
    return part > 0 ? 100 : 0;
  }
  return Math.min(100, Math.round((part / whole) * 1000) / 10);
}

/**
 * The project's quota before and after the request, per resource. The API answers the usage with the request's
 * reservation (`usedAfter`) and without it (`usedBefore`); when one is missing it is derived from the other and the
 * demand.
 */
export function quotaRows(impact: DecisionContext['quota'] | undefined): QuotaRow[] {
  if (!impact?.quota) {
    return [];
  }
  const limit: QuotaAmount = impact.quota;
  const demand: QuotaAmount = impact.demand ?? {};
  const exceededNames = new Set(impact.exceededAfter ?? []);
  return QUOTA_RESOURCES.flatMap(resource => {
    const d = demand[resource] ?? 0;
    const after = impact.usedAfter?.[resource] ?? (impact.usedBefore?.[resource] ?? 0) + d;
    const before = impact.usedBefore?.[resource] ?? after - d;
    const l = limit[resource] ?? 0;
    if (!ALWAYS.includes(resource) && l <= 0 && d <= 0) {
      return [];
    }
    const row: QuotaRow = {
      resource,
      limit: display(resource, l),
      before: display(resource, before),
      demand: display(resource, d),
      after: display(resource, after),
      percentBefore: percent(before, l),
      percentAfter: percent(after, l),
      exceeded: exceededNames.has(resource) || after > l,
      unlimitedOrNone: l <= 0 && d <= 0,
    };
    return [row];
  });
}

/** Cost against the tenant's threshold: percent for the bar (capped), and whether it is over. */
export function costAgainstThreshold(monthly: number | null | undefined, threshold: number | null | undefined) {
  if (monthly === null || monthly === undefined || threshold === null || threshold === undefined || threshold <= 0) {
    return null;
  }
  return { percent: Math.min(100, Math.round((monthly / threshold) * 1000) / 10), over: monthly > threshold };
}

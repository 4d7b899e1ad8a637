import type { Task } from './model';

/**
 * Where a task stands against its level's SLA: overdue (its due date has passed), escalated (another group was made a
 * candidate after that), due soon (within `soonMs`). The server's flags win; the clock fills in between two polls.
 */
export interface Deadline {
  overdue: boolean;
  escalated: boolean;
  dueSoon: boolean;
  /** ms until due (negative: overdue by that much); null without a due date */
  remainingMs: number | null;
}

export const DUE_SOON_MS = 4 * 60 * 60 * 1000;

function time(value: string | undefined | null): number | null {
  if (!value) {
    return null;
  }
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? null : ms;
}

export function deadlineOf(task: Pick<Task, 'due' | 'overdue' | 'escalated' | 'escalatedTo'>, now: number,
  soonMs = DUE_SOON_MS): Deadline {
  const due = time(task.due);
  const remainingMs = due === null ? null : due - now;
  const overdue = task.overdue === true || (remainingMs !== null && remainingMs < 0);
  const escalated = task.escalated === true || !!task.escalatedTo;
  return { overdue: overdue || escalated, escalated, dueSoon: !overdue && !escalated && remainingMs !== null && remainingMs <= soonMs, remainingMs };
}

/** How long a task has waited (ms since created), null when unknown. */
export function ageOf(task: Pick<Task, 'created'>, now: number): number | null {
  const created = time(task.created);
  return created === null ? null : Math.max(0, now - created);
}

/** Soonest due first; tasks without a due date last; then oldest first. */
type Dated = Pick<Task, 'due' | 'created'>;

export function byDue(a: Dated, b: Dated): number {
  const da = time(a.due) ?? Number.POSITIVE_INFINITY;
  const db = time(b.due) ?? Number.POSITIVE_INFINITY;
  if (da !== db) {
    return da < db ? -1 : 1;
  }
  return (time(a.created) ?? 0) - (time(b.created) ?? 0);
}

/** An ISO-8601 duration ("PT8H", "P2DT4H30M") or seconds as milliseconds; null when it is neither. */
export function durationMs(value: string | number | null | undefined): number | null {
  if (value === null || value === undefined || value === '') {
    return null;
  }
  if (typeof value === 'number') {
    return value * 1000;
  }
  if (/^\d+(\.\d+)?$/.test(value)) {
    return Number(value) * 1000;
  }
  const match = /^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/.exec(value);
  if (!match || value === 'P' || value.endsWith('T')) {
    return null;
  }
  const [, d, h, m, s] = match;
  return ((Number(d ?? 0) * 24 + Number(h ?? 0)) * 60 + Number(m ?? 0)) * 60_000 + Number(s ?? 0) * 1000;
}

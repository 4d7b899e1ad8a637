import { DEFAULT_SIZE, PAGE_SIZES } from '../ops/listParams';

/** The action families the audit log records (AuditedEvents): the select offers these, `<family>.` in the API. */
export const ACTION_FAMILIES = ['request', 'approval', 'quota', 'vm', 'host', 'namespace', 'node', 'reconciliation',
  'incident', 'config', 'directory', 'session', 'engine', 'access'] as const;

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The search as the URL keeps it: `from`/`to` are days, both inclusive as the user picked them. */
export interface AuditFilters {
  tenant?: string;
  subject?: string;
  actor?: string;
  /** a family (`request.`) or one action (`approval.approved`) */
  action?: string;
  from?: string;
  to?: string;
  page: number;
  size: number;
}

function text(params: URLSearchParams, key: string): string | undefined {
  return params.get(key)?.trim() || undefined;
}

function day(params: URLSearchParams, key: string): string | undefined {
  const value = params.get(key) ?? '';
  return DATE.test(value) && !Number.isNaN(Date.parse(value)) ? value : undefined;
}

/** The filters in the URL; what is not a day, a page or an allowed size is left out. */
export function auditFilters(params: URLSearchParams): AuditFilters {
  const page = Number(params.get('page'));
  const size = Number(params.get('size'));
  return {
    tenant: text(params, 'tenant'),
    subject: text(params, 'subject'),
    actor: text(params, 'actor'),
    action: text(params, 'action'),
    from: day(params, 'from'),
    to: day(params, 'to'),
    page: Number.isInteger(page) && page > 0 ? page : 0,
    size: PAGE_SIZES.includes(size) ? size : DEFAULT_SIZE,
  };
}

/** The day after an ISO day (UTC): the API's `to` is exclusive, the picked range includes its last day. */
export function nextDay(date: string): string {
  const next = new Date(`${date}T00:00:00Z`);
  next.setUTCDate(next.getUTCDate() + 1);
  return next.toISOString().slice(0, 10);
}

/** The query of GET /api/audit for these filters. */
export function auditQuery(filters: AuditFilters) {
  return {
    tenant: filters.tenant, subject: filters.subject, actor: filters.actor, action: filters.action,
    from: filters.from, to: filters.to ? nextDay(filters.to) : undefined, page: filters.page, size: filters.size,
  };
}

/** Whether an action is a family (`request.`) rather than one action. */
export function isFamily(action: string | undefined): boolean {
  return !!action && action.endsWith('.');
}

/**
 * The inbox's filters as they live in the URL (`/inbox?tenant=acme&type=vm&overdue=1&held=mine&page=2`), so a link or a
 * reload keeps them, and as the query of GET /api/tasks.
 */
export type Held = 'mine' | 'unclaimed' | 'claimed';

export const HELD_VALUES: readonly Held[] = ['mine', 'unclaimed', 'claimed'];

export const PAGE_SIZES = [10, 20, 50, 100] as const;
export const DEFAULT_SIZE = 20;

export interface InboxFilters {
  /** a tenant id; undefined = all of mine ('all' in the URL, so the header's tenant does not come back) */
  tenant?: string;
  type?: string;
  level?: string;
  overdue: boolean;
  held?: Held;
  /** from 1, as the table shows it */
  page: number;
  size: number;
}

/** The value of `tenant` in the URL meaning "all my tenants" (explicitly chosen, not the header's default). */
export const ALL_TENANTS = 'all';

function positive(value: string | null, fallback: number, max = Number.MAX_SAFE_INTEGER): number {
  const parsed = value === null ? NaN : Number(value);
  return Number.isInteger(parsed) && parsed >= 1 && parsed <= max ? parsed : fallback;
}

function text(value: string | null): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}

/** The filters of the URL; without `tenant` the header's tenant (`defaultTenant`) applies. */
export function parseFilters(params: URLSearchParams, defaultTenant?: string): InboxFilters {
  const tenantParam = text(params.get('tenant'));
  const held = params.get('held');
  const size = positive(params.get('size'), DEFAULT_SIZE, 200);
  return {
    tenant: tenantParam === ALL_TENANTS ? undefined : tenantParam ?? defaultTenant,
    type: text(params.get('type')),
    level: text(params.get('level')),
    overdue: params.get('overdue') === '1' || params.get('overdue') === 'true',
    held: HELD_VALUES.includes(held as Held) ? (held as Held) : undefined,
    page: positive(params.get('page'), 1),
    size: (PAGE_SIZES as readonly number[]).includes(size) ? size : DEFAULT_SIZE,
  };
}

/** The URL's search parameters of the filters: only what differs from the defaults, in a stable order. */
export function serialiseFilters(filters: InboxFilters, defaultTenant?: string): URLSearchParams {
  const params = new URLSearchParams();
  if (filters.tenant !== defaultTenant) {
    params.set('tenant', filters.tenant ?? ALL_TENANTS);
  }
  if (filters.type) params.set('type', filters.type);
  if (filters.level) params.set('level', filters.level);
  if (filters.overdue) params.set('overdue', '1');
  if (filters.held) params.set('held', filters.held);
  if (filters.page > 1) params.set('page', String(filters.page));
  if (filters.size !== DEFAULT_SIZE) params.set('size', String(filters.size));
  return params;
}

/** A change of filters starts again on the first page (a page change keeps the rest). */
export function withFilter(filters: InboxFilters, change: Partial<Omit<InboxFilters, 'page' | 'size'>>): InboxFilters {
  return { ...filters, ...change, page: 1 };
}

export interface TaskQuery {
  tenant?: string;
  type?: string;
  level?: string;
  overdue?: boolean;
  claimed?: boolean;
  claimedByMe?: boolean;
  page: number;
  size: number;
}

/** The query of GET /api/tasks (pages from 0 there). */
export function toTaskQuery(filters: InboxFilters): TaskQuery {
  const query: TaskQuery = { page: filters.page - 1, size: filters.size };
  if (filters.tenant) query.tenant = filters.tenant;
  if (filters.type) query.type = filters.type;
  if (filters.level) query.level = filters.level;
  if (filters.overdue) query.overdue = true;
  if (filters.held === 'mine') query.claimedByMe = true;
  if (filters.held === 'unclaimed') query.claimed = false;
  if (filters.held === 'claimed') query.claimed = true;
  return query;
}

/** Whether any filter other than the tenant narrows the list (to offer "clear filters"). */
export function isFiltered(filters: InboxFilters): boolean {
  return !!(filters.type || filters.level || filters.overdue || filters.held);
}

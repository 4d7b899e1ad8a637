import type { EChartsCoreOption } from 'echarts/core';

/**
 * The dashboards' figures from the reports' rows (GET /api/reports/{name}: `rows` are objects keyed by the report's
 * column keys), and the ECharts options that draw them. Pure: the page passes the labels in its language.
 */
export type Row = Record<string, unknown>;

export function num(value: unknown): number {
  const parsed = typeof value === 'number' ? value : Number(value ?? 0);
  return Number.isFinite(parsed) ? parsed : 0;
}

export function text(value: unknown): string {
  return value === null || value === undefined ? '' : String(value);
}

/** The approver of a lead-times row that stands for all approvers of its level. */
export const ALL_APPROVERS = '*';
/** The lead-times row from submit to running (not a level: no approver, no SLA). */
export const SUBMIT_TO_RUNNING = 'submit-to-running';

const AXIS_LABEL = { hideOverlap: true };
const base = (aria: string) => ({
  aria: { enabled: true, label: { description: aria } },
  tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
  legend: { top: 0, type: 'scroll' },
  grid: { left: 8, right: 16, top: 40, bottom: 8, containLabel: true },
});

// --------------------------------------------------------------------------------------------- requests over time

export interface MonthRows {
  month: string;
  rows: Row[];
}

export interface RequestsOverTime {
  months: string[];
  statuses: string[];
  /** per status, the requests submitted in each month that have that status now */
  counts: Record<string, number[]>;
}

/** The requests report of each month, summed per status (over tenants, projects and types). */
export function requestsOverTime(months: MonthRows[], order: readonly string[] = []): RequestsOverTime {
  const statuses = new Set<string>();
  months.forEach(({ rows }) => rows.forEach(row => statuses.add(text(row.status))));
  const sorted = [...statuses].sort((a, b) => rank(order, a) - rank(order, b) || a.localeCompare(b));
  const counts: Record<string, number[]> = {};
  sorted.forEach(status => {
    counts[status] = months.map(({ rows }) => rows.filter(row => text(row.status) === status)
      .reduce((sum, row) => sum + num(row.count), 0));
  });
  return { months: months.map(({ month }) => month), statuses: sorted, counts };
}

function rank(order: readonly string[], value: string): number {
  const index = order.indexOf(value);
  return index < 0 ? order.length : index;
}

export function requestsOption(data: RequestsOverTime, statusLabel: (status: string) => string, aria: string): EChartsCoreOption {
  return {
    ...base(aria),
    xAxis: { type: 'category', data: data.months, axisLabel: AXIS_LABEL },
    yAxis: { type: 'value', minInterval: 1 },
    series: data.statuses.map(status => ({
      name: statusLabel(status), type: 'bar', stack: 'requests', data: data.counts[status],
      emphasis: { focus: 'series' },
    })),
  };
}

// ------------------------------------------------------------------------------------ lead times and SLA breaches

export interface LevelTimes {
  tenant: string;
  level: string;
  count: number;
  medianSeconds: number;
  p90Seconds: number;
  maxSeconds: number;
  slaBreaches: number;
}

/** The lead-times rows of whole levels (all approvers), submit-to-running included. */
export function levelTimes(rows: Row[]): LevelTimes[] {
  return rows.filter(row => text(row.approver) === ALL_APPROVERS).map(row => ({
    tenant: text(row.tenant), level: text(row.level), count: num(row.count), medianSeconds: num(row.medianSeconds),
    p90Seconds: num(row.p90Seconds), maxSeconds: num(row.maxSeconds), slaBreaches: num(row.slaBreaches),
  }));
}

/** A level's name on an axis: with its tenant when the dashboard shows several. */
export function levelName(item: { tenant: string; level: string }, levelLabel: (level: string) => string,
  manyTenants: boolean): string {
  return manyTenants ? `${item.tenant} · ${levelLabel(item.level)}` : levelLabel(item.level);
}

export const TIME_UNITS = { seconds: 1, minutes: 60, hours: 3600 } as const;
export type TimeUnit = keyof typeof TIME_UNITS;

/** The unit the lead-time axis counts in: hours, unless the longest 90th percentile is under an hour (a minute). */
export function leadUnit(items: LevelTimes[]): TimeUnit {
  const longest = Math.max(0, ...items.map(item => item.p90Seconds));
  return longest >= 3600 ? 'hours' : longest >= 60 ? 'minutes' : 'seconds';
}

const inUnit = (seconds: number, unit: TimeUnit) => Math.round((seconds / TIME_UNITS[unit]) * 10) / 10;

export function leadTimeOption(items: LevelTimes[], names: string[], series: { median: string; p90: string },
  unit: TimeUnit, axis: string, aria: string): EChartsCoreOption {
  return {
    ...base(aria),
    xAxis: { type: 'category', data: names, axisLabel: AXIS_LABEL },
    yAxis: { type: 'value', name: axis },
    series: [
      { name: series.median, type: 'bar', data: items.map(item => inUnit(item.medianSeconds, unit)) },
      { name: series.p90, type: 'bar', data: items.map(item => inUnit(item.p90Seconds, unit)) },
    ],
  };
}

/** The approval levels only (submit-to-running has no SLA). */
export function slaLevels(items: LevelTimes[]): LevelTimes[] {
  return items.filter(item => item.level !== SUBMIT_TO_RUNNING);
}

export function slaOption(items: LevelTimes[], names: string[], series: { within: string; breached: string },
  aria: string): EChartsCoreOption {
  return {
    ...base(aria),
    color: ['#52c41a', '#cf1322'],
    xAxis: { type: 'category', data: names, axisLabel: AXIS_LABEL },
    yAxis: { type: 'value', minInterval: 1 },
    series: [
      { name: series.within, type: 'bar', stack: 'sla', data: items.map(item => Math.max(0, item.count - item.slaBreaches)) },
      { name: series.breached, type: 'bar', stack: 'sla', data: items.map(item => item.slaBreaches) },
    ],
  };
}

// --------------------------------------------------------------------------------------------------- approver load

export interface ApproverLoad {
  approver: string;
  count: number;
  slaBreaches: number;
  levels: string[];
}

/** Decisions per approver over their levels and tenants, busiest first. */
export function approverLoad(rows: Row[]): ApproverLoad[] {
  const byApprover = new Map<string, ApproverLoad>();
  rows.filter(row => text(row.approver) !== ALL_APPROVERS && text(row.approver) !== '' && text(row.level) !== SUBMIT_TO_RUNNING)
    .forEach(row => {
      const approver = text(row.approver);
      const load = byApprover.get(approver) ?? { approver, count: 0, slaBreaches: 0, levels: [] };
      load.count += num(row.count);
      load.slaBreaches += num(row.slaBreaches);
      if (!load.levels.includes(text(row.level))) {
        load.levels.push(text(row.level));
      }
      byApprover.set(approver, load);
    });
  return [...byApprover.values()].sort((a, b) => b.count - a.count || a.approver.localeCompare(b.approver));
}

export function approverOption(items: ApproverLoad[], series: string, aria: string): EChartsCoreOption {
  const shown = [...items].reverse();
  return {
    ...base(aria),
    legend: { show: false },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: { type: 'category', data: shown.map(item => item.approver) },
    series: [{ name: series, type: 'bar', data: shown.map(item => item.count) }],
  };
}

// ------------------------------------------------------------------------------------------------------- quota use

export const QUOTA_RESOURCES = ['vcpus', 'memoryMiB', 'diskGiB', 'gpus', 'vms', 'k8sNodes'] as const;
export type QuotaResource = (typeof QUOTA_RESOURCES)[number];

export interface ProjectQuota {
  tenant: string;
  project: string;
  month: string;
  used: Record<QuotaResource, number>;
  limit: Record<QuotaResource, number>;
}

/** Each project's use and limit at the end of the period (its latest month in the quota report). */
export function latestQuota(rows: Row[]): ProjectQuota[] {
  const latest = new Map<string, ProjectQuota>();
  rows.forEach(row => {
    const key = `${text(row.tenant)}/${text(row.project)}`;
    const month = text(row.month);
    if ((latest.get(key)?.month ?? '') > month) {
      return;
    }
    const used = {} as Record<QuotaResource, number>;
    const limit = {} as Record<QuotaResource, number>;
    QUOTA_RESOURCES.forEach(resource => {
      used[resource] = num(row[`${resource}Used`]);
      limit[resource] = num(row[`${resource}Limit`]);
    });
    latest.set(key, { tenant: text(row.tenant), project: text(row.project), month, used, limit });
  });
  return [...latest.values()].sort((a, b) => a.tenant.localeCompare(b.tenant) || a.project.localeCompare(b.project));
}

/** The share of a limit in use, in whole percent; null without a limit. */
export function percent(used: number, limit: number): number | null {
  return limit > 0 ? Math.round((used / limit) * 100) : null;
}

export function quotaOption(items: ProjectQuota[], names: string[], resourceLabel: (resource: QuotaResource) => string,
  aria: string): EChartsCoreOption {
  const resources = QUOTA_RESOURCES.filter(resource => items.some(item => item.limit[resource] > 0));
  return {
    ...base(aria),
    xAxis: { type: 'category', data: names, axisLabel: AXIS_LABEL },
    yAxis: { type: 'value', max: (value: { max: number }) => Math.max(100, value.max), axisLabel: { formatter: '{value} %' } },
    series: resources.map(resource => ({
      name: resourceLabel(resource), type: 'bar',
      data: items.map(item => percent(item.used[resource], item.limit[resource])),
    })),
  };
}

// ---------------------------------------------------------------------------------------------- resources by arch

export interface ArchCount {
  arch: string;
  count: number;
}

/** What ran at the period's end per architecture (namespaces have none: ''), most first. */
export function resourcesByArch(rows: Row[]): ArchCount[] {
  const byArch = new Map<string, number>();
  rows.forEach(row => byArch.set(text(row.arch), (byArch.get(text(row.arch)) ?? 0) + num(row.count)));
  return [...byArch.entries()].map(([arch, count]) => ({ arch, count }))
    .sort((a, b) => b.count - a.count || a.arch.localeCompare(b.arch));
}

export function archOption(items: ArchCount[], archLabel: (arch: string) => string, aria: string): EChartsCoreOption {
  return {
    aria: { enabled: true, label: { description: aria } },
    tooltip: { trigger: 'item' },
    legend: { top: 0, type: 'scroll' },
    series: [{
      type: 'pie', radius: ['35%', '65%'], top: 24,
      data: items.map(item => ({ name: archLabel(item.arch), value: item.count })),
    }],
  };
}

// ---------------------------------------------------------------------------------------------- cost per project

export interface CostPerProject {
  months: string[];
  /** `tenant/project (currency)` */
  projects: string[];
  /** per month, the cost of each project */
  costs: Record<string, number[]>;
}

/** Showback summed per project and currency, one series per month. */
export function costPerProject(rows: Row[]): CostPerProject {
  const name = (row: Row) => `${text(row.tenant)}/${text(row.project)} (${text(row.currency)})`;
  const projects = [...new Set(rows.map(name))].sort();
  const months = [...new Set(rows.map(row => text(row.month)))].sort();
  const costs: Record<string, number[]> = {};
  months.forEach(month => {
    costs[month] = projects.map(project => Math.round(rows.filter(row => text(row.month) === month && name(row) === project)
      .reduce((sum, row) => sum + num(row.cost), 0) * 100) / 100);
  });
  return { months, projects, costs };
}

export function costOption(data: CostPerProject, aria: string): EChartsCoreOption {
  return {
    ...base(aria),
    xAxis: { type: 'category', data: data.projects, axisLabel: AXIS_LABEL },
    yAxis: { type: 'value' },
    series: data.months.map(month => ({ name: month, type: 'bar', stack: 'cost', data: data.costs[month] })),
  };
}

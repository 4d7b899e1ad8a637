import { describe, expect, it } from 'vitest';

import {
  approverLoad, approverOption, archOption, costOption, costPerProject, latestQuota, leadTimeOption, leadUnit, levelTimes, percent,
  quotaOption, requestsOption, requestsOverTime, resourcesByArch, slaLevels, slaOption,
} from './charts';

// rows as the reports answer them (ReportsScenarioApiTest's scenario)
const leadTimes = [
  { tenant: 'acme', level: 'dept-manager', approver: '*', count: 3, medianSeconds: 14400, p90Seconds: 18000, maxSeconds: 18000, slaBreaches: 0 },
  { tenant: 'acme', level: 'dept-manager', approver: 'bob', count: 3, medianSeconds: 14400, p90Seconds: 18000, maxSeconds: 18000, slaBreaches: 0 },
  { tenant: 'acme', level: 'platform-ops', approver: '*', count: 1, medianSeconds: 90000, p90Seconds: 90000, maxSeconds: 90000, slaBreaches: 1 },
  { tenant: 'acme', level: 'platform-ops', approver: 'olga', count: 1, medianSeconds: 90000, p90Seconds: 90000, maxSeconds: 90000, slaBreaches: 1 },
  { tenant: 'acme', level: 'submit-to-running', approver: '*', count: 2, medianSeconds: 10800, p90Seconds: 108000, maxSeconds: 108000, slaBreaches: 0 },
  { tenant: 'globex', level: 'dept-manager', approver: 'bob', count: 2, medianSeconds: 60, p90Seconds: 60, maxSeconds: 60, slaBreaches: 1 },
];

describe('requests over time', () => {
  it('sums each month\'s report per status, in the given order, zero where a month has none', () => {
    const data = requestsOverTime([
      { month: '2026-10', rows: [{ status: 'COMPLETED', count: 2 }, { status: 'REJECTED', count: 1 }, { status: 'COMPLETED', count: 3 }] },
      { month: '2026-11', rows: [] },
      { month: '2026-12', rows: [{ status: 'PENDING_APPROVAL', count: 4 }] },
    ], ['PENDING_APPROVAL', 'COMPLETED', 'REJECTED']);
    expect(data.months).toEqual(['2026-10', '2026-11', '2026-12']);
    expect(data.statuses).toEqual(['PENDING_APPROVAL', 'COMPLETED', 'REJECTED']);
    expect(data.counts).toEqual({ PENDING_APPROVAL: [0, 0, 4], COMPLETED: [5, 0, 0], REJECTED: [1, 0, 0] });
    const option = requestsOption(data, status => `s:${status}`, 'aria') as { series: { name: string; stack: string; data: number[] }[] };
    expect(option.series.map(series => series.name)).toEqual(['s:PENDING_APPROVAL', 's:COMPLETED', 's:REJECTED']);
    expect(option.series.every(series => series.stack === 'requests')).toBe(true);
  });
});

describe('lead times, SLA breaches and approver load', () => {
  it('takes the whole levels for lead times, in hours', () => {
    const items = levelTimes(leadTimes);
    expect(items.map(item => item.level)).toEqual(['dept-manager', 'platform-ops', 'submit-to-running']);
    expect(leadUnit(items)).toBe('hours');
    const option = leadTimeOption(items, ['a', 'b', 'c'], { median: 'median', p90: 'p90' }, 'hours', 'h', 'aria') as
      { series: { data: number[] }[] };
    expect(option.series[0].data).toEqual([4, 25, 3]);
    expect(option.series[1].data).toEqual([5, 25, 30]);
  });

  it('counts short lead times in minutes or seconds, so that their bars show', () => {
    const quick = levelTimes([{ tenant: 'acme', level: 'l', approver: '*', count: 1, medianSeconds: 5, p90Seconds: 45 }]);
    expect(leadUnit(quick)).toBe('seconds');
    expect(leadUnit(levelTimes([{ approver: '*', p90Seconds: 600 }]))).toBe('minutes');
    expect(leadUnit([])).toBe('seconds');
    const option = leadTimeOption(quick, ['l'], { median: 'm', p90: 'p' }, 'seconds', 's', 'aria') as { series: { data: number[] }[] };
    expect(option.series.map(series => series.data[0])).toEqual([5, 45]);
  });

  it('counts decisions within and beyond the SLA per level, without submit-to-running', () => {
    const levels = slaLevels(levelTimes(leadTimes));
    expect(levels.map(item => item.level)).toEqual(['dept-manager', 'platform-ops']);
    const option = slaOption(levels, ['a', 'b'], { within: 'in', breached: 'out' }, 'aria') as { series: { data: number[] }[] };
    expect(option.series[0].data).toEqual([3, 0]);
    expect(option.series[1].data).toEqual([0, 1]);
  });

  it('sums each approver\'s decisions over tenants and levels, busiest first', () => {
    const load = approverLoad(leadTimes);
    expect(load).toEqual([
      { approver: 'bob', count: 5, slaBreaches: 1, levels: ['dept-manager'] },
      { approver: 'olga', count: 1, slaBreaches: 1, levels: ['platform-ops'] },
    ]);
    const option = approverOption(load, 'decisions', 'aria') as { yAxis: { data: string[] }; series: { data: number[] }[] };
    // a horizontal bar chart draws its first category at the bottom: the busiest goes last
    expect(option.yAxis.data).toEqual(['olga', 'bob']);
    expect(option.series[0].data).toEqual([1, 5]);
  });
});

describe('quota, resources and cost', () => {
  it('takes each project\'s latest month of the quota report and its share of each limit', () => {
    const rows = [
      { month: '2026-11', tenant: 'acme', project: 'web', vcpusUsed: 2, vcpusLimit: 16, memoryMiBUsed: 0, memoryMiBLimit: 0 },
      { month: '2026-12', tenant: 'acme', project: 'web', vcpusUsed: 8, vcpusLimit: 16, memoryMiBUsed: 4096, memoryMiBLimit: 8192 },
      { month: '2026-12', tenant: 'acme', project: 'data', vcpusUsed: 1, vcpusLimit: 4 },
    ];
    const latest = latestQuota(rows);
    expect(latest.map(item => `${item.project} ${item.month} ${item.used.vcpus}/${item.limit.vcpus}`))
      .toEqual(['data 2026-12 1/4', 'web 2026-12 8/16']);
    expect(percent(8, 16)).toBe(50);
    expect(percent(3, 0)).toBeNull();
    const option = quotaOption(latest, ['data', 'web'], resource => resource, 'aria') as { series: { name: string; data: (number | null)[] }[] };
    // only resources with a limit somewhere
    expect(option.series.map(series => series.name)).toEqual(['vcpus', 'memoryMiB']);
    expect(option.series[0].data).toEqual([25, 50]);
    expect(option.series[1].data).toEqual([null, 50]);
  });

  it('counts what ran per architecture, namespaces (no arch) apart', () => {
    const items = resourcesByArch([
      { kind: 'vm', arch: 'x86_64', count: 2 }, { kind: 'node', arch: 'aarch64', count: 1 },
      { kind: 'vm', arch: 'x86_64', count: 1 }, { kind: 'namespace', arch: '', count: 4 },
    ]);
    expect(items).toEqual([{ arch: '', count: 4 }, { arch: 'x86_64', count: 3 }, { arch: 'aarch64', count: 1 }]);
    const option = archOption(items, arch => arch || 'none', 'aria') as { series: { data: { name: string; value: number }[] }[] };
    expect(option.series[0].data).toEqual([{ name: 'none', value: 4 }, { name: 'x86_64', value: 3 }, { name: 'aarch64', value: 1 }]);
  });

  it('sums the cost per project and currency, one stacked series per month', () => {
    const data = costPerProject([
      { month: '2026-11', tenant: 'acme', project: 'web', currency: 'EUR', requests: 2, cost: 667.25 },
      { month: '2026-12', tenant: 'acme', project: 'web', currency: 'EUR', requests: 1, cost: 10.1 },
      { month: '2026-12', tenant: 'acme', project: 'data', currency: 'EUR', requests: 1, cost: '5.5' },
    ]);
    expect(data.projects).toEqual(['acme/data (EUR)', 'acme/web (EUR)']);
    expect(data.costs).toEqual({ '2026-11': [0, 667.25], '2026-12': [5.5, 10.1] });
    const option = costOption(data, 'aria') as { series: { name: string; stack: string }[] };
    expect(option.series.map(series => series.name)).toEqual(['2026-11', '2026-12']);
  });

  it('names every chart for assistive technology', () => {
    const option = costOption(costPerProject([]), 'Cost per project') as { aria: { enabled: boolean; label: { description: string } } };
    expect(option.aria).toEqual({ enabled: true, label: { description: 'Cost per project' } });
  });
});

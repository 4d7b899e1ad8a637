import { describe, expect, it } from 'vitest';

import { addMonths, monthsOf, periodOf, presetOf, presetPeriod, reportRange } from './period';

const today = new Date('2026-12-06T01:00:00Z');

describe('the dashboards\' period', () => {
  it('is the last three months by default, and what the URL says when it makes sense', () => {
    expect(periodOf(new URLSearchParams(), today)).toEqual({ from: '2026-10', to: '2026-12' });
    expect(periodOf(new URLSearchParams('from=2026-01&to=2026-06'), today)).toEqual({ from: '2026-01', to: '2026-06' });
    expect(periodOf(new URLSearchParams('from=2026-11'), today)).toEqual({ from: '2026-11', to: '2026-11' });
    // backwards, in the future, not a month: the default
    for (const query of ['from=2026-06&to=2026-01', 'from=2026-12&to=2027-01', 'from=2026-13&to=2026-12', 'from=x']) {
      expect(periodOf(new URLSearchParams(query), today), query).toEqual({ from: '2026-10', to: '2026-12' });
    }
  });

  it('offers month presets and recognises them', () => {
    expect(presetPeriod('this-month', today)).toEqual({ from: '2026-12', to: '2026-12' });
    expect(presetPeriod('last-month', today)).toEqual({ from: '2026-11', to: '2026-11' });
    expect(presetPeriod('last-12-months', today)).toEqual({ from: '2026-01', to: '2026-12' });
    expect(presetOf({ from: '2026-07', to: '2026-12' }, today)).toBe('last-6-months');
    expect(presetOf({ from: '2026-02', to: '2026-03' }, today)).toBeUndefined();
  });

  it('counts months across a year', () => {
    expect(addMonths('2026-01', -1)).toBe('2025-12');
    expect(monthsOf({ from: '2025-11', to: '2026-02' })).toEqual(['2025-11', '2025-12', '2026-01', '2026-02']);
  });

  it('asks the reports from the first day to the last day of the period, today at most', () => {
    expect(reportRange({ from: '2026-10', to: '2026-12' }, today)).toEqual({ from: '2026-10-01', to: '2026-12-06' });
    expect(reportRange({ from: '2024-02', to: '2024-02' }, today)).toEqual({ from: '2024-02-01', to: '2024-02-29' });
  });
});

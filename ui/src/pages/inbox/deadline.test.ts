import { describe, expect, it } from 'vitest';

import { ageOf, byDue, deadlineOf, durationMs } from './deadline';

const NOW = Date.parse('2026-03-10T12:00:00Z');

describe('overdue and escalation marking', () => {
  it('a task due later is neither overdue nor escalated', () => {
    expect(deadlineOf({ due: '2026-03-11T12:00:00Z' }, NOW)).toEqual({
      overdue: false, escalated: false, dueSoon: false, remainingMs: 24 * 3600_000,
    });
  });

  it('due within four hours is due soon', () => {
    expect(deadlineOf({ due: '2026-03-10T14:00:00Z' }, NOW).dueSoon).toBe(true);
  });

  it('past its due date it is overdue even before the server says so', () => {
    const state = deadlineOf({ due: '2026-03-10T11:00:00Z', overdue: false }, NOW);
    expect(state).toMatchObject({ overdue: true, escalated: false, dueSoon: false, remainingMs: -3600_000 });
  });

  it('the server flag wins when the clocks differ', () => {
    expect(deadlineOf({ due: '2026-03-10T13:00:00Z', overdue: true }, NOW).overdue).toBe(true);
  });

  it('escalated (flag or escalatedTo) is overdue too', () => {
    expect(deadlineOf({ escalated: true }, NOW)).toMatchObject({ overdue: true, escalated: true });
    expect(deadlineOf({ escalatedTo: 'acme-tenant-admins' }, NOW)).toMatchObject({ overdue: true, escalated: true });
  });

  it('no due date: nothing to mark', () => {
    expect(deadlineOf({}, NOW)).toEqual({ overdue: false, escalated: false, dueSoon: false, remainingMs: null });
  });
});

describe('age and order', () => {
  it('age since created', () => {
    expect(ageOf({ created: '2026-03-10T10:00:00Z' }, NOW)).toBe(2 * 3600_000);
    expect(ageOf({}, NOW)).toBeNull();
  });

  it('sorts by due date, undated last', () => {
    const tasks = [{ due: undefined, created: '2026-03-01T00:00:00Z' }, { due: '2026-03-12T00:00:00Z' }, { due: '2026-03-11T00:00:00Z' }];
    expect([...tasks].sort(byDue).map(t => t.due)).toEqual(['2026-03-11T00:00:00Z', '2026-03-12T00:00:00Z', undefined]);
  });
});

describe('SLA durations', () => {
  it('reads ISO-8601 and seconds', () => {
    expect(durationMs('PT8H')).toBe(8 * 3600_000);
    expect(durationMs('P2DT4H30M')).toBe((52 * 60 + 30) * 60_000);
    expect(durationMs('PT90S')).toBe(90_000);
    expect(durationMs(28800)).toBe(28800_000);
    expect(durationMs('28800.000000000')).toBe(28800_000);
    expect(durationMs('soon')).toBeNull();
    expect(durationMs(null)).toBeNull();
  });
});

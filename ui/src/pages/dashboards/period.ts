/**
 * The dashboards' period: whole calendar months, `from=YYYY-MM&to=YYYY-MM` in the URL (both included), the last
 * three months by default. The reports take days: `from` the first day of its month, `to` the last day of its month
 * (the reports read a date as until its end) — today when the month is the current one.
 */
const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

export const PRESETS = ['this-month', 'last-month', 'last-3-months', 'last-6-months', 'last-12-months'] as const;
export type Preset = (typeof PRESETS)[number];

export interface Period {
  from: string;
  to: string;
}

function month(date: Date): string {
  return `${date.getUTCFullYear()}-${String(date.getUTCMonth() + 1).padStart(2, '0')}`;
}

/** The month `delta` months after `value` (YYYY-MM). */
export function addMonths(value: string, delta: number): string {
  const [year, m] = value.split('-').map(Number);
  return month(new Date(Date.UTC(year, m - 1 + delta, 1)));
}

/** The months of a period in order, both ends included. */
export function monthsOf(period: Period): string[] {
  const months: string[] = [];
  for (let current = period.from; current <= period.to && months.length < 36; current = addMonths(current, 1)) {
    months.push(current);
  }
  return months;
}

export function presetPeriod(preset: Preset, today: Date): Period {
  const now = month(today);
  switch (preset) {
    case 'this-month': return { from: now, to: now };
    case 'last-month': return { from: addMonths(now, -1), to: addMonths(now, -1) };
    case 'last-6-months': return { from: addMonths(now, -5), to: now };
    case 'last-12-months': return { from: addMonths(now, -11), to: now };
    default: return { from: addMonths(now, -2), to: now };
  }
}

/** The preset a period is, if it is one. */
export function presetOf(period: Period, today: Date): Preset | undefined {
  return PRESETS.find(preset => {
    const candidate = presetPeriod(preset, today);
    return candidate.from === period.from && candidate.to === period.to;
  });
}

/** The period in the URL: months that parse, not in the future, `from` not after `to`; else the default. */
export function periodOf(params: URLSearchParams, today: Date): Period {
  const now = month(today);
  const from = params.get('from') ?? '';
  const to = params.get('to') ?? '';
  if (MONTH.test(from) && MONTH.test(to) && from <= to && to <= now) {
    return { from, to };
  }
  if (MONTH.test(from) && !params.get('to') && from <= now) {
    return { from, to: from };
  }
  return presetPeriod('last-3-months', today);
}

/** The last day of a month (YYYY-MM-DD). */
function lastDay(value: string): string {
  const [year, m] = value.split('-').map(Number);
  return new Date(Date.UTC(year, m, 0)).toISOString().slice(0, 10);
}

/** The days a report is asked for: the first of `from`'s month to the end of `to`'s (today in the current month). */
export function reportRange(period: Period, today: Date): { from: string; to: string } {
  const end = lastDay(period.to);
  const day = today.toISOString().slice(0, 10);
  return { from: `${period.from}-01`, to: end > day ? day : end };
}

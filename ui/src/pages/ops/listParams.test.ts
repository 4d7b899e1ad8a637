import { describe, expect, it } from 'vitest';

import { cockpitUrl, firstLine, oneOf, pageOf, sizeOf, withParams } from './listParams';
import { canDestroy, summariseRun } from './findings';

describe('list params in the URL', () => {
  it('reads page and size with defaults', () => {
    expect(pageOf(new URLSearchParams('page=3'))).toBe(3);
    expect(pageOf(new URLSearchParams('page=-1'))).toBe(0);
    expect(pageOf(new URLSearchParams('page=x'))).toBe(0);
    expect(sizeOf(new URLSearchParams('size=50'))).toBe(50);
    expect(sizeOf(new URLSearchParams('size=7'))).toBe(20);
    expect(oneOf('closed', ['open', 'closed', 'all'] as const, 'open')).toBe('closed');
    expect(oneOf('bogus', ['open', 'closed', 'all'] as const, 'open')).toBe('open');
  });

  it('a filter change goes back to the first page and defaults leave the URL', () => {
    const params = new URLSearchParams('state=closed&page=4&size=50');
    expect(withParams(params, { state: 'open' }, { state: 'open' }).toString()).toBe('size=50');
    expect(withParams(params, { page: 2 }).toString()).toBe('state=closed&page=2&size=50');
    expect(withParams(params, { page: 0, size: 20 }).toString()).toBe('state=closed');
    expect(withParams(params, { host: 'kvm1' }).toString()).toBe('state=closed&size=50&host=kvm1');
  });

  it('links Cockpit only with a process instance id', () => {
    expect(cockpitUrl('abc-1')).toBe('/camunda/app/cockpit/default/#/process-instance/abc-1');
    expect(cockpitUrl(undefined)).toBeUndefined();
  });

  it('shortens a cause to its first line', () => {
    expect(firstLine('boom\n  at x.y(Z.java:1)')).toEqual({ head: 'boom', more: true });
    expect(firstLine('short')).toEqual({ head: 'short', more: false });
    expect(firstLine('a'.repeat(10), 5)).toEqual({ head: 'aaaa…', more: true });
    expect(firstLine(null)).toEqual({ head: '', more: false });
  });
});

describe('findings', () => {
  it('offers destroy only on open orphans', () => {
    expect(canDestroy({ kind: 'ORPHAN' })).toBe(true);
    expect(canDestroy({ kind: 'ORPHAN', resolvedAt: '2026-01-01T00:00:00Z' })).toBe(false);
    expect(canDestroy({ kind: 'ORPHAN', open: false })).toBe(false);
    expect(canDestroy({ kind: 'LOST' })).toBe(false);
  });

  it('summarises a run', () => {
    const summary = summariseRun({
      hosts: [{ host: 'kvm2', reconciled: false, reason: 'down' }, { host: 'kvm1', reconciled: true }],
      findings: [{ kind: 'ORPHAN' }, { kind: 'ORPHAN' }, { kind: 'LOST' }, { kind: 'DRIFT_STATE', resolvedAt: 'x' }],
    });
    expect(summary).toMatchObject({ hosts: 2, reconciled: 1, open: 3, resolved: 1, byKind: { ORPHAN: 2, LOST: 1 } });
    expect(summary.skipped.map(h => h.host)).toEqual(['kvm2']);
  });
});

import { describe, expect, it } from 'vitest';

import { ACTION_FAMILIES, auditFilters, auditQuery, isFamily, nextDay } from './auditFilters';

describe('the audit search in the URL', () => {
  it('reads every filter, trimmed, with the page and size', () => {
    const filters = auditFilters(new URLSearchParams(
      'tenant=acme&subject=%20r-1%20&actor=bob&action=request.&from=2026-12-01&to=2026-12-05&page=2&size=50'));
    expect(filters).toEqual({ tenant: 'acme', subject: 'r-1', actor: 'bob', action: 'request.', from: '2026-12-01',
      to: '2026-12-05', page: 2, size: 50 });
  });

  it('leaves out what is not a day, a page or an allowed size', () => {
    const filters = auditFilters(new URLSearchParams('from=yesterday&to=2026-13-45&page=-1&size=7&subject=%20'));
    expect(filters).toEqual({ tenant: undefined, subject: undefined, actor: undefined, action: undefined,
      from: undefined, to: undefined, page: 0, size: 20 });
  });

  it('asks the API up to the day after the last picked day (its to is exclusive)', () => {
    expect(nextDay('2026-12-31')).toBe('2027-01-01');
    expect(nextDay('2028-02-28')).toBe('2028-02-29');
    const query = auditQuery(auditFilters(new URLSearchParams('from=2026-12-01&to=2026-12-01&action=approval.approved')));
    expect(query).toMatchObject({ from: '2026-12-01', to: '2026-12-02', action: 'approval.approved', page: 0, size: 20 });
    expect(auditQuery(auditFilters(new URLSearchParams())).to).toBeUndefined();
  });

  it('offers the families as the API takes them, ending in a dot', () => {
    expect(ACTION_FAMILIES).toContain('request');
    expect(ACTION_FAMILIES).toContain('approval');
    expect(isFamily('request.')).toBe(true);
    expect(isFamily('approval.approved')).toBe(false);
    expect(isFamily(undefined)).toBe(false);
  });
});

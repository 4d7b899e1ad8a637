import { describe, expect, it } from 'vitest';

import { isFiltered, parseFilters, serialiseFilters, toTaskQuery, withFilter } from './filters';

describe('inbox filters in the URL', () => {
  it('defaults: the header tenant, first page, 20 a page', () => {
    expect(parseFilters(new URLSearchParams(''), 'acme')).toEqual({
      tenant: 'acme', type: undefined, level: undefined, overdue: false, held: undefined, page: 1, size: 20,
    });
  });

  it('reads every filter', () => {
    const filters = parseFilters(new URLSearchParams('tenant=globex&type=vm&level=finance&overdue=1&held=mine&page=3&size=50'), 'acme');
    expect(filters).toEqual({ tenant: 'globex', type: 'vm', level: 'finance', overdue: true, held: 'mine', page: 3, size: 50 });
  });

  it('tenant=all overrides the header tenant', () => {
    expect(parseFilters(new URLSearchParams('tenant=all'), 'acme').tenant).toBeUndefined();
  });

  it('ignores nonsense', () => {
    const filters = parseFilters(new URLSearchParams('held=everyone&page=-2&size=7&overdue=maybe&type=%20'));
    expect(filters).toMatchObject({ held: undefined, page: 1, size: 20, overdue: false, type: undefined });
  });

  it('writes only what differs from the defaults and reads back the same', () => {
    const filters = parseFilters(new URLSearchParams('type=gpu-vm&overdue=true&held=unclaimed&page=2'), 'acme');
    const params = serialiseFilters(filters, 'acme');
    expect(params.toString()).toBe('type=gpu-vm&overdue=1&held=unclaimed&page=2');
    expect(parseFilters(params, 'acme')).toEqual(filters);
  });

  it('writes tenant=all when the user chose all tenants while the header has one', () => {
    const filters = withFilter(parseFilters(new URLSearchParams(''), 'acme'), { tenant: undefined });
    expect(serialiseFilters(filters, 'acme').toString()).toBe('tenant=all');
    expect(serialiseFilters(filters, undefined).toString()).toBe('');
  });

  it('a filter change goes back to page 1', () => {
    const filters = parseFilters(new URLSearchParams('page=4'));
    expect(withFilter(filters, { level: 'manager' })).toMatchObject({ page: 1, level: 'manager' });
  });

  it('maps to the API query (pages from 0, held as claimed/claimedByMe)', () => {
    expect(toTaskQuery(parseFilters(new URLSearchParams('tenant=acme&held=mine&page=2&overdue=1')))).toEqual({
      tenant: 'acme', claimedByMe: true, overdue: true, page: 1, size: 20,
    });
    expect(toTaskQuery(parseFilters(new URLSearchParams('held=unclaimed')))).toEqual({ claimed: false, page: 0, size: 20 });
    expect(toTaskQuery(parseFilters(new URLSearchParams('held=claimed')))).toEqual({ claimed: true, page: 0, size: 20 });
  });

  it('knows when something narrows the list', () => {
    expect(isFiltered(parseFilters(new URLSearchParams('tenant=acme')))).toBe(false);
    expect(isFiltered(parseFilters(new URLSearchParams('overdue=1')))).toBe(true);
  });
});

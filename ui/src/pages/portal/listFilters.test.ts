import { describe, expect, it } from 'vitest';

import { listFilters } from './listFilters';

describe('the request list filters from the URL', () => {
  it('defaults: the header tenant, only mine, first page of 20', () => {
    expect(listFilters(new URLSearchParams(''), 'acme')).toEqual({
      tenant: 'acme', status: undefined, type: undefined, project: undefined, text: undefined, mine: true, page: 0, size: 20,
    });
  });

  it('reads each filter; tenant=all overrides the header, mine=0 shows others', () => {
    const filters = listFilters(new URLSearchParams('tenant=all&status=FAILED&type=vm&project=web&text=%20R-10%20&mine=0&page=2&size=50'), 'acme');
    expect(filters).toEqual({ tenant: undefined, status: 'FAILED', type: 'vm', project: 'web', text: 'R-10', mine: false, page: 2, size: 50 });
    expect(listFilters(new URLSearchParams('tenant=globex'), 'acme').tenant).toBe('globex');
  });

  it('keeps page and size in the API range', () => {
    expect(listFilters(new URLSearchParams('page=-3&size=5000'), undefined)).toMatchObject({ page: 0, size: 200 });
    expect(listFilters(new URLSearchParams('page=x&size=y'), undefined)).toMatchObject({ page: 0, size: 20 });
  });
});

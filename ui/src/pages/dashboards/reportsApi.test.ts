import { describe, expect, it } from 'vitest';

import { fileNameOf, reportUrl } from './reportsApi';

describe('report addresses', () => {
  it('asks a page of JSON with the filters, or a whole export without a page size', () => {
    expect(reportUrl('lead-times', { from: '2026-10-01', to: '2026-12-06', tenant: 'acme' }))
      .toBe('/api/reports/lead-times?from=2026-10-01&to=2026-12-06&tenant=acme&format=json&size=200');
    expect(reportUrl('cost', { from: '2026-10-01', to: '2026-10-31', tenant: 'acme', project: 'web' }, 'csv'))
      .toBe('/api/reports/cost?from=2026-10-01&to=2026-10-31&tenant=acme&project=web&format=csv');
  });

  it('saves an export under the server\'s file name', () => {
    expect(fileNameOf('attachment; filename="stackgate-cost-2026-10-01-2026-10-31.csv"', 'x'))
      .toBe('stackgate-cost-2026-10-01-2026-10-31.csv');
    expect(fileNameOf("attachment; filename*=UTF-8''stackgate-%E6%88%90%E6%9C%AC.pdf; filename=\"a.pdf\"", 'x'))
      .toBe('stackgate-\u6210\u672c.pdf');
    expect(fileNameOf(null, 'stackgate-cost.csv')).toBe('stackgate-cost.csv');
  });
});

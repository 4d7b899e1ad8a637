import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { App as AntApp } from 'antd';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { MemoryRouter } from 'react-router-dom';

// the typed client keeps the fetch it was created with: a stand-in before any import
const fake = vi.hoisted(() => {
  const state: { respond?: (input: RequestInfo | URL, init?: RequestInit) => Promise<Response> } = {};
  globalThis.fetch = (input: RequestInfo | URL, init?: RequestInit) => state.respond!(input, init);
  return state;
});

// ECharts draws on a canvas happy-dom has not: the figure stands in with its name and its series
vi.mock('./EChart', () => ({
  EChart: ({ label, option }: { label: string; option: { series?: { name?: string }[] } }) => (
    <div data-testid="chart" role="img" aria-label={label}
      data-series={(option.series ?? []).map(series => series.name ?? '').join('|')} />
  ),
}));

import '../../i18n';
import { setAccessToken } from '../../api/client';
import { TenantProvider } from '../../app/me';
import Dashboards from './Dashboards';

const rows: Record<string, unknown[]> = {
  requests: [{ tenant: 'acme', project: 'web', type: 'vm', status: 'COMPLETED', count: 2, monthlyCost: 1012 }],
  'lead-times': [
    { tenant: 'acme', level: 'dept-manager', approver: '*', count: 3, medianSeconds: 14400, p90Seconds: 18000, maxSeconds: 18000, slaBreaches: 1 },
    { tenant: 'acme', level: 'dept-manager', approver: 'bob', count: 3, medianSeconds: 14400, p90Seconds: 18000, maxSeconds: 18000, slaBreaches: 1 },
  ],
  quota: [{ month: '2026-12', tenant: 'acme', project: 'web', vcpusUsed: 8, vcpusLimit: 32 }],
  resources: [{ tenant: 'acme', project: 'web', kind: 'vm', arch: 'aarch64', location: 'arm1', count: 3 }],
  cost: [{ month: '2026-11', tenant: 'acme', project: 'web', currency: 'EUR', requests: 2, cost: 667.25 }],
};

const calls: { url: string; authorization: string | null }[] = [];

beforeEach(() => {
  calls.length = 0;
  setAccessToken('token-of-maya');
  fake.respond = async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = input instanceof Request ? input : new Request(new URL(String(input), 'http://localhost'), init);
    const url = new URL(request.url);
    calls.push({ url: `${url.pathname}${url.search}`, authorization: request.headers.get('Authorization') });
    if (url.pathname === '/api/me') {
      return Response.json({ sub: 's', username: 'maya', roles: ['auditor'], auditor: true, tenants: [{ tenantId: 'acme', roles: [] }] });
    }
    if (url.pathname === '/api/tenants/acme/projects') {
      return Response.json([{ id: 'web', name: 'Web shop' }]);
    }
    const name = url.pathname.replace('/api/reports/', '');
    if (url.searchParams.get('format') === 'csv') {
      return new Response('tenant,project\r\nacme,web\r\n', { headers: {
        'Content-Type': 'text/csv', 'Content-Disposition': `attachment; filename="stackgate-${name}-2026-10-01-2026-12-06.csv"` } });
    }
    const body = rows[name] ?? [];
    return Response.json({ report: name, filters: {}, tenants: ['acme'], generatedAt: '', chainHead: '', columns: [],
      rows: body, page: 0, size: 200, total: body.length });
  };
});

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

function show(path: string) {
  const queries = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return render(
    <QueryClientProvider client={queries}>
      <AntApp>
        <TenantProvider>
          <MemoryRouter initialEntries={[path]}><Dashboards /></MemoryRouter>
        </TenantProvider>
      </AntApp>
    </QueryClientProvider>,
  );
}

describe('the dashboards page', () => {
  it('draws the seven charts, each named, with its table, from the reports of the period in the URL', async () => {
    show('/dashboards?from=2026-10&to=2026-11');
    await waitFor(() => expect(screen.getAllByTestId('chart')).toHaveLength(7));
    for (const id of ['requests', 'lead-times', 'sla', 'approvers', 'quota', 'arch', 'cost']) {
      const card = screen.getByTestId(`chart-${id}`);
      expect(card.querySelector('[data-testid="chart"]')?.getAttribute('aria-label'), id).toMatch(/table below/);
      expect(card.querySelector('[data-testid="chart-table"] table'), id).toBeTruthy();
    }
    // requests over time: one report per month; the others once for the whole period (to: the last day of November)
    const asked = calls.map(call => call.url);
    expect(asked).toContain('/api/reports/requests?from=2026-10-01&to=2026-10-31&format=json&size=200');
    expect(asked).toContain('/api/reports/requests?from=2026-11-01&to=2026-11-30&format=json&size=200');
    expect(asked).toContain('/api/reports/cost?from=2026-10-01&to=2026-11-30&format=json&size=200');
    expect(calls.filter(call => call.url.startsWith('/api/reports/')).every(call => call.authorization === 'Bearer token-of-maya')).toBe(true);
    // the tables hold the figures
    await screen.findByText('bob');
    expect(screen.getByText('aarch64')).toBeTruthy();
    expect(screen.getByText('8 / 32 (25 %)')).toBeTruthy();
    expect(screen.getByText('€667.25')).toBeTruthy();
    expect(screen.getByTestId('chart-requests').querySelector('[data-testid="chart"]')?.getAttribute('data-series')).toBe('Completed');
  });

  it('downloads an export with the token, under the server\'s file name', async () => {
    const clicked: string[] = [];
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      clicked.push(this.download);
    });
    URL.createObjectURL = () => 'blob:report';
    URL.revokeObjectURL = () => undefined;
    show('/dashboards?from=2026-10&to=2026-12&tenant=acme');
    await waitFor(() => expect(screen.getAllByTestId('chart')).toHaveLength(7));
    fireEvent.click(screen.getByTestId('chart-cost').querySelector('[data-testid="download-csv"]')!);
    await waitFor(() => expect(clicked).toEqual(['stackgate-cost-2026-10-01-2026-12-06.csv']));
    const download = calls.find(call => call.url.includes('format=csv'))!;
    expect(download.url).toMatch(/^\/api\/reports\/cost\?from=2026-10-01&to=\d{4}-\d{2}-\d{2}&tenant=acme&format=csv$/);
    expect(download.authorization).toBe('Bearer token-of-maya');
  });
});

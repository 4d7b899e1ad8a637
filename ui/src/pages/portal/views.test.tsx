import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { App as AntApp } from 'antd';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { MemoryRouter, Route, Routes, useLocation } from 'react-router-dom';

import i18n from '../../i18n';

/** My requests, the request page and My resources against a fake API (fetch), in English. */
vi.setConfig({ testTimeout: 20_000 });

type Call = { method: string; url: string };
let calls: Call[] = [];
let routes: Record<string, () => [number, unknown]> = {};

function json(status: number, body: unknown) {
  return new Response(JSON.stringify(body), {
    status, headers: { 'Content-Type': status >= 400 ? 'application/problem+json' : 'application/json' },
  });
}

const request = (status: string) => ({
  id: 'R-1', tenant: 'acme', project: 'web', type: 'vm', status, requester: 'alice', monthlyCost: 12, currency: 'EUR',
  createdAt: '2026-03-01T10:00:00Z', spec: { name: 'web-1', vcpus: 2, memoryMiB: 4096, diskGiB: 20, image: 'debian-12', arch: 'x86_64' },
  hidden: [], approvalLevels: [{ level: 'manager', state: 'PENDING', candidateGroup: 'acme-managers' }],
  timeline: [{ at: '2026-03-01T10:00:00Z', actor: 'alice', action: 'submitted' }],
});

const vm = (state: string) => ({
  id: 'sg-r1-0', kind: 'vm', tenant: 'acme', project: 'web', owner: 'alice', requestId: 'R-1', hostname: 'web-1', state,
  host: 'kvm-1', arch: 'x86_64', size: { vcpus: 2, memoryMiB: 4096, diskGiB: 20, gpus: 0 }, ipAddress: '10.0.0.5',
  leaseExpiresAt: new Date(Date.now() + 30 * 86_400_000).toISOString(),
});

beforeEach(() => {
  calls = [];
  routes = {
    'GET /api/me': () => [200, { sub: 'a-1', username: 'alice', roles: [], tenants: [{ tenantId: 'acme', roles: ['approver'] }] }],
  };
  vi.stubGlobal('fetch', vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const req = input instanceof Request ? input : new Request(new URL(String(input), 'http://localhost'), init);
    const url = new URL(req.url);
    calls.push({ method: req.method, url: url.pathname + url.search });
    const handler = routes[`${req.method} ${url.pathname}`];
    return handler ? json(...handler()) : json(404, { title: 'Not Found', status: 404 });
  }));
  void i18n.changeLanguage('en');
});

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

function Where() {
  const location = useLocation();
  return <div data-testid="where">{location.pathname + location.search}</div>;
}

async function mount(path: string) {
  const { default: MyRequests } = await import('./MyRequests');
  const { default: RequestPage } = await import('./RequestPage');
  const { default: MyResources } = await import('./MyResources');
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return render(
    <QueryClientProvider client={client}>
      <AntApp>
        <MemoryRouter initialEntries={[path]} useTransitions={false}>
          <Routes>
            <Route path="/requests" element={<MyRequests />} />
            <Route path="/requests/:id" element={<RequestPage />} />
            <Route path="/resources" element={<MyResources />} />
            <Route path="*" element={null} />
          </Routes>
          <Where />
        </MemoryRouter>
      </AntApp>
    </QueryClientProvider>,
  );
}

describe('my requests', () => {
  it('asks the API with the filters of the URL and opens a row', async () => {
    routes['GET /api/requests'] = () => [200, { items: [request('FAILED')], page: 0, size: 20, total: 1 }];
    await mount('/requests?status=FAILED&tenant=acme&mine=0&text=web');
    const row = await screen.findByText('R-1');
    const query = calls.find(call => call.url.startsWith('/api/requests?'))!.url;
    expect(query).toContain('status=FAILED');
    expect(query).toContain('tenant=acme');
    expect(query).toContain('mine=false');
    expect(query).toContain('text=web');
    expect(document.querySelector('[data-testid="status"]')?.getAttribute('data-status')).toBe('FAILED');
    fireEvent.click(row.closest('tr')!);
    await waitFor(() => expect(screen.getByTestId('where').textContent).toBe('/requests/R-1'));
  });
});

describe('the request page', () => {
  it('shows a pending request with its chain, and a 409 on cancel as a message', async () => {
    routes['GET /api/requests/R-1'] = () => [200, request('PENDING_APPROVAL')];
    routes['POST /api/requests/R-1/cancel'] = () => [409, { title: 'Conflict', status: 409, detail: 'R-1 is APPROVED' }];
    await mount('/requests/R-1');
    const page = await screen.findByTestId('request-page');
    expect(page.getAttribute('data-request-id')).toBe('R-1');
    expect(within(page).getAllByText('manager').length).toBeGreaterThan(0);
    expect(document.querySelector('[data-testid="approval-level"]')?.getAttribute('data-current')).toBe('true');
    expect(screen.getByText('4 GiB')).toBeTruthy();
    fireEvent.click(screen.getByTestId('cancel-request'));
    fireEvent.click(await screen.findByTestId('confirm-cancel'));
    expect(await screen.findByText(/It can no longer be cancelled: R-1 is APPROVED/)).toBeTruthy();
    expect(calls.some(call => call.method === 'POST' && call.url === '/api/requests/R-1/cancel')).toBe(true);
  });

  it('has no cancel once the request is final, and lists what the request made (asked by request id)', async () => {
    routes['GET /api/requests/R-1'] = () => [200, request('COMPLETED')];
    routes['GET /api/resources'] = () => [200, { items: [vm('RUNNING')], page: 0, size: 200, total: 1 }];
    await mount('/requests/R-1');
    await screen.findByTestId('request-page');
    expect(screen.queryByTestId('cancel-request')).toBeNull();
    const made = await screen.findByTestId('request-resources');
    expect(made.querySelector('[data-row-key="sg-r1-0"]')).toBeTruthy();
    const query = calls.find(call => call.url.startsWith('/api/resources?'))!.url;
    expect(query).toContain('request=R-1');
    expect(query).toContain('kind=vm');
  });

  it('shows the not-found page for a request the caller may not see', async () => {
    await mount('/requests/R-404');
    expect(await screen.findByText('Not found')).toBeTruthy();
  });
});

describe('my resources', () => {
  it('offers a running VM stop, reboot and the follow-up requests, and stops it after a confirmation', async () => {
    routes['GET /api/resources'] = () => [200, { items: [vm('RUNNING')], page: 0, size: 20, total: 1 }];
    routes['POST /api/resources/sg-r1-0/actions/stop'] = () => [200, vm('STOPPED')];
    await mount('/resources');
    const row = (await screen.findByText('web-1')).closest('tr')!;
    expect(within(row).queryByTestId('action-start')).toBeNull();
    ['stop', 'reboot', 'renew', 'resize', 'decommission'].forEach(action =>
      expect(within(row).getByTestId(`action-${action}`)).toBeTruthy());
    fireEvent.click(within(row).getByTestId('action-stop'));
    fireEvent.click(await screen.findByTestId('confirm-action'));
    await waitFor(() => expect(calls.some(call => call.method === 'POST'
      && call.url === '/api/resources/sg-r1-0/actions/stop')).toBe(true));
    fireEvent.click(within(row).getByTestId('action-renew'));
    await waitFor(() => expect(screen.getByTestId('where').textContent)
      .toBe('/requests/new/lease-renewal?resource=sg-r1-0'));
  });
});

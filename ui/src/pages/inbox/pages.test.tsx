import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { App as AntApp } from 'antd';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { MemoryRouter, Route, Routes, useLocation } from 'react-router-dom';

import i18n from '../../i18n';

/** The two pages against a fake API (fetch), in English (Ant Design in happy-dom is slow: generous timeouts). */
vi.setConfig({ testTimeout: 20_000 });
const HOUR = 3600_000;
const task = (id: string, extra: object = {}) => ({
  id, name: 'Approve', level: 'manager', requestId: `r-${id}`, type: 'vm', tenant: 'acme', project: 'web',
  requester: 'alice', candidateGroups: ['acme-managers'], created: new Date(Date.now() - 2 * HOUR).toISOString(),
  due: new Date(Date.now() + 20 * HOUR).toISOString(), overdue: false, escalated: false,
  request: { id: `r-${id}`, tenant: 'acme', project: 'web', type: 'vm', requester: 'alice', monthlyCost: 42, currency: 'EUR',
    spec: { name: `vm-${id}`, arch: 'x86_64', vcpus: 2, memoryMiB: 4096, diskGiB: 20, image: 'debian-12' } },
  ...extra,
});

type Call = { method: string; url: string; body?: unknown };
let calls: Call[] = [];
let routes: Record<string, (call: Call) => [number, unknown]> = {};

function json(status: number, body: unknown) {
  return new Response(status === 204 ? null : JSON.stringify(body), {
    status, headers: { 'Content-Type': status >= 400 ? 'application/problem+json' : 'application/json' },
  });
}

beforeEach(() => {
  calls = [];
  routes = {
    'GET /api/me': () => [200, { sub: 'b-1', username: 'bob', roles: [], tenants: [{ tenantId: 'acme', roles: ['approver'] }] }],
    'GET /api/tasks/version': () => [404, { title: 'Not Found' }],
  };
  vi.stubGlobal('fetch', vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = input instanceof Request ? input : new Request(new URL(String(input), 'http://localhost'), init);
    const url = new URL(request.url);
    const text = request.method === 'POST' ? await request.clone().text() : '';
    const call = { method: request.method, url: url.pathname + url.search, body: text ? JSON.parse(text) : undefined };
    calls.push(call);
    const handler = routes[`${request.method} ${url.pathname}`];
    return handler ? json(...handler(call)) : json(404, { title: 'Not Found', status: 404 });
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
  const { default: Inbox } = await import('./Inbox');
  const { default: Decision } = await import('./Decision');
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return render(
    <QueryClientProvider client={client}>
      <AntApp>
        {/* navigations the pages start after an await (a mutation's onSuccess) run outside act(): as a transition they
            would never commit here (they do in a browser) */}
        <MemoryRouter initialEntries={[path]} useTransitions={false}>
          <Routes>
            <Route path="/inbox" element={<Inbox />} />
            <Route path="/inbox/:taskId" element={<Decision />} />
          </Routes>
          <Where />
        </MemoryRouter>
      </AntApp>
    </QueryClientProvider>,
  );
}

describe('the inbox', () => {
  it('lists tasks with their marks, asks the API with the URL filters, bulk-approves and shows each outcome', async () => {
    routes['GET /api/tasks'] = () => [200, { items: [
      task('t2'),
      task('t1', { due: new Date(Date.now() - HOUR).toISOString(), overdue: true, escalated: true, escalatedTo: 'acme-admins', assignee: 'bob' }),
    ], page: 0, size: 20, total: 2 }];
    routes['POST /api/tasks/bulk-approve'] = () => [200, { approved: 1, refused: 1, results: [
      { taskId: 't1', requestId: 'r-t1', outcome: 'APPROVED' },
      { taskId: 't2', requestId: 'r-t2', outcome: 'REFUSED', problem: { type: 'https://stackgate.io/problems/separation-of-duties', title: 'Forbidden', detail: 'you asked for it yourself', status: 403 } },
    ] }];
    await mount('/inbox?overdue=1&held=mine');

    const inbox = await screen.findByTestId('inbox', undefined, { timeout: 5000 });
    await waitFor(() => expect(inbox.querySelectorAll('tr[data-row-key]').length).toBe(2), { timeout: 5000 });
    const list = calls.find(c => c.url.startsWith('/api/tasks?'));
    expect(list?.url).toContain('overdue=true');
    expect(list?.url).toContain('claimedByMe=true');
    const rows = [...inbox.querySelectorAll('tr[data-row-key]')].map(r => r.getAttribute('data-row-key'));
    expect(rows).toEqual(['t1', 't2']); // soonest due first
    const first = inbox.querySelector('tr[data-row-key="t1"]') as HTMLElement;
    expect(within(first).getByTestId('overdue')).toBeTruthy();
    expect(within(first).getByTestId('escalated')).toBeTruthy();
    expect(first.textContent).toContain('vm-t1');

    const bulk = screen.getByTestId('bulk-approve');
    expect(bulk.hasAttribute('disabled')).toBe(true);
    inbox.querySelectorAll<HTMLInputElement>('tr[data-row-key] .ant-table-selection-column input').forEach(box => fireEvent.click(box));
    await waitFor(() => expect(screen.getByTestId('bulk-approve').hasAttribute('disabled')).toBe(false), { timeout: 5000 });
    fireEvent.click(screen.getByTestId('bulk-approve'));
    fireEvent.click(await screen.findByTestId('bulk-approve-confirm', undefined, { timeout: 5000 }));

    const results = await screen.findByTestId('bulk-results', undefined, { timeout: 5000 });
    await waitFor(() => expect(results.querySelectorAll('[data-outcome]').length).toBe(2), { timeout: 5000 });
    expect(results.querySelector('[data-outcome="REFUSED"]')?.textContent).toContain('you asked for it yourself');
    expect(calls.find(c => c.url === '/api/tasks/bulk-approve')?.body).toEqual({ taskIds: ['t1', 't2'] });
  });

  it('a row click opens the decision screen', async () => {
    routes['GET /api/tasks'] = () => [200, { items: [task('t1')], page: 0, size: 20, total: 1 }];
    await mount('/inbox');
    const inbox = await screen.findByTestId('inbox', undefined, { timeout: 5000 });
    await waitFor(() => expect(inbox.querySelector('tr[data-row-key="t1"]')).toBeTruthy(), { timeout: 5000 });
    fireEvent.click(inbox.querySelector('tr[data-row-key="t1"] td:nth-child(3)') as HTMLElement);
    await waitFor(() => expect(screen.getByTestId('where').textContent).toBe('/inbox/t1'), { timeout: 5000 });
  });
});

describe('the decision screen', () => {
  beforeEach(() => {
    routes['GET /api/tasks/t1'] = () => [200, task('t1')];
    routes['GET /api/tasks/t1/context'] = () => [200, {
      taskId: 't1', requestId: 'r-t1', tenant: 'acme', project: 'web', type: 'vm',
      requester: { id: 'a-1', name: 'alice' }, orgUnit: { id: 'eng', path: 'acme/engineering' },
      spec: { name: 'vm-t1', arch: 'x86_64', vcpus: 2, memoryMiB: 4096, diskGiB: 20 }, hidden: ['userData'],
      justification: 'campaign', cost: { monthly: 42, currency: 'EUR', threshold: 500, overThreshold: false },
      quota: { quota: { vcpus: 16, memoryMiB: 32768, diskGiB: 500, gpus: 0, vms: 10, k8sNodes: 0 }, demand: { vcpus: 2, memoryMiB: 4096, diskGiB: 20, vms: 1 },
        usedBefore: { vcpus: 4, memoryMiB: 8192, diskGiB: 100, vms: 2 }, usedAfter: { vcpus: 6, memoryMiB: 12288, diskGiB: 120, vms: 3 }, exceededAfter: [] },
      earlierRequests: [{ id: 'r-0', type: 'vm', status: 'COMPLETED', submitted: '2026-01-01T00:00:00Z', requester: 'alice' }],
      level: { level: 'manager', sla: 'PT24H', overdue: false, escalated: false },
    }];
    routes['GET /api/requests/r-t1'] = () => [200, { id: 'r-t1', status: 'PENDING_APPROVAL', approvalLevels: [{ level: 'manager', state: 'pending' }] }];
    routes['GET /api/hosts/fit'] = () => [200, [{ host: 'demo-x86-1', arch: 'x86_64', up: true, freeVcpus: 30, freeMemoryMiB: 60000, freeDiskGiB: 900, freeGpus: 0, fits: true, shortages: [] }]];
  });

  it('shows the context and refuses a rejection without a reason, before asking the API', async () => {
    await mount('/inbox/t1');
    const decision = await screen.findByTestId('decision', undefined, { timeout: 5000 });
    await waitFor(() => expect(decision.textContent).toContain('acme/engineering'), { timeout: 5000 });
    expect(decision.textContent).toContain('vm-t1');
    await waitFor(() => expect(screen.getByTestId('decision-fit').getAttribute('data-fits')).toBe('true'), { timeout: 5000 });
    expect(calls.find(c => c.url.startsWith('/api/hosts/fit'))?.url).toBe('/api/hosts/fit?arch=x86_64&vcpus=2&memoryMiB=4096&diskGiB=20&gpus=0');
    expect(decision.querySelector('[data-status="COMPLETED"]')).toBeTruthy();
    expect(decision.querySelector('[data-resource="vcpus"]')?.textContent).toContain('4 vCPUs → 6 vCPUs of 16 vCPUs');

    fireEvent.click(screen.getByTestId('reject'));
    expect(await screen.findByText('A rejection needs a reason: write it in the comment.', undefined, { timeout: 5000 })).toBeTruthy();
    expect(calls.some(c => c.method === 'POST')).toBe(false);
  });

  it('approves with the comment and goes back to the inbox', async () => {
    routes['POST /api/tasks/t1/approve'] = () => [204, null];
    routes['GET /api/tasks'] = () => [200, { items: [], page: 0, size: 20, total: 0 }];
    await mount('/inbox/t1');
    await screen.findByTestId('approve', undefined, { timeout: 5000 });
    fireEvent.change(screen.getByTestId('decision-comment'), { target: { value: ' fine ' } });
    fireEvent.click(screen.getByTestId('approve'));
    await waitFor(() => expect(screen.getByTestId('where').textContent).toBe('/inbox'), { timeout: 5000 });
    expect(calls.find(c => c.url === '/api/tasks/t1/approve')?.body).toEqual({ comment: 'fine' });
  });

  it('shows separation of duties clearly', async () => {
    routes['POST /api/tasks/t1/approve'] = () => [403, { type: 'https://stackgate.io/problems/separation-of-duties', title: 'Forbidden', status: 403, detail: 'you requested it yourself' }];
    await mount('/inbox/t1');
    await screen.findByTestId('approve', undefined, { timeout: 5000 });
    fireEvent.click(screen.getByTestId('approve'));
    const problem = await screen.findByTestId('decision-problem', undefined, { timeout: 5000 });
    expect(problem.textContent).toContain('Separation of duties');
    expect(problem.textContent).toContain('you requested it yourself');
    expect(screen.getByTestId('where').textContent).toBe('/inbox/t1');
  });

  it('puts a refused delegation on the field', async () => {
    routes['POST /api/tasks/t1/delegate'] = () => [400, { title: 'Bad Request', status: 400, field: 'user', detail: 'zed is no approver of this task' }];
    await mount('/inbox/t1');
    await screen.findByTestId('approve', undefined, { timeout: 5000 });
    fireEvent.click(screen.getByTestId('delegate'));
    expect(await screen.findByText('Name the user to delegate to.', undefined, { timeout: 5000 })).toBeTruthy();
    fireEvent.change(screen.getByTestId('delegate-user'), { target: { value: 'zed' } });
    fireEvent.click(screen.getByTestId('delegate'));
    expect(await screen.findByText('zed is no approver of this task', undefined, { timeout: 5000 })).toBeTruthy();
  });
});

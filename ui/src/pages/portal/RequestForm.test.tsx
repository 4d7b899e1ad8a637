import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { App as AntApp } from 'antd';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { MemoryRouter, Route, Routes } from 'react-router-dom';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import '../../i18n';
import i18n from '../../i18n';

/** What the mocked API answers, by "METHOD path". */
const answers = vi.hoisted(() => {
  const calls: { method: string; url: string; body?: unknown }[] = [];
  const table: Record<string, (body: unknown) => { status: number; body: unknown }> = {};
  globalThis.fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = input instanceof Request ? input : undefined;
    const url = new URL(request ? request.url : String(input), 'http://localhost/');
    const method = (request?.method ?? init?.method ?? 'GET').toUpperCase();
    const text = request ? await request.text() : (init?.body as string | undefined);
    const body = text ? JSON.parse(text) : undefined;
    calls.push({ method, url: url.pathname + url.search, body });
    const handler = table[`${method} ${url.pathname}`];
    const answer = handler ? handler(body) : { status: 404, body: { title: 'Not Found', status: 404 } };
    return new Response(JSON.stringify(answer.body), {
      status: answer.status,
      headers: { 'Content-Type': answer.status >= 400 ? 'application/problem+json' : 'application/json' },
    });
  }) as typeof fetch;
  return { calls, table };
});

import RequestForm from './RequestForm';

const QUOTA = { vcpus: 32, memoryMiB: 65536, diskGiB: 1000, gpus: 2, vms: 10, k8sNodes: 5 };

function given() {
  answers.table['GET /api/me'] = () => ({ status: 200, body: { sub: 'a', username: 'alice', roles: [], tenants: [{ tenantId: 'acme', roles: [] }] } });
  answers.table['GET /api/tenants'] = () => ({ status: 200, body: [{ id: 'acme', name: 'ACME' }] });
  answers.table['GET /api/tenants/acme/projects'] = () => ({ status: 200, body: [
    { id: 'web', name: 'Web', quota: QUOTA, used: { vcpus: 4, memoryMiB: 8192, diskGiB: 100, gpus: 0, vms: 2, k8sNodes: 0 }, role: 'member' },
    { id: 'audit', name: 'Audit', quota: QUOTA, used: QUOTA, role: 'viewer' },
  ] });
  answers.table['GET /api/catalogue'] = () => ({ status: 200, body: {
    images: [{ name: 'debian-12', arch: 'x86_64', kind: 'disk', description: 'Debian 12' },
      { name: 'debian-12', arch: 'aarch64', kind: 'disk', description: 'Debian 12' }],
    gpus: [{ arch: 'x86_64', hosts: 1, total: 2, maxPerHost: 2 }, { arch: 'aarch64', hosts: 0, total: 0, maxPerHost: 0 }],
    sizes: [{ id: 'small', vcpus: 1, memoryMiB: 2048, diskGiB: 20 }, { id: 'medium', vcpus: 2, memoryMiB: 4096, diskGiB: 40 }],
    clusters: [],
  } });
  answers.table['POST /api/requests/preview'] = () => ({ status: 200, body: {
    tenant: 'acme', project: 'web', type: 'vm', spec: {},
    estimatedMonthlyCost: { amount: 61.2, currency: 'EUR' },
    quota: { limits: QUOTA, used: { vcpus: 4 }, requested: { vcpus: 2, vms: 1 }, remainingAfter: { vcpus: 26 }, fits: true, exceeded: [] },
    preApproved: false,
    approvalLevels: [{ level: 'dept-manager', candidateGroup: 'acme-managers', slaHours: 48 }],
  } });
}

function renderAt(path: string) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return render(
    <QueryClientProvider client={client}>
      <AntApp>
        <MemoryRouter initialEntries={[path]}>
          <Routes>
            <Route path="/requests/new/:type" element={<RequestForm />} />
            <Route path="/requests/:id" element={<div data-testid="request-page" />} />
          </Routes>
        </MemoryRouter>
      </AntApp>
    </QueryClientProvider>,
  );
}

const input = (label: string) => screen.getByLabelText(label) as HTMLInputElement;

describe('the request form', () => {
  beforeEach(async () => {
    await i18n.changeLanguage('en');
    answers.calls.length = 0;
    Object.keys(answers.table).forEach(key => delete answers.table[key]);
    given();
  });
  afterEach(cleanup);

  it('offers only the projects the user may request in, previews the request, and puts a refusal on its fields', async () => {
    renderAt('/requests/new/vm');
    await screen.findByTestId('request-form', undefined, { timeout: 8000 });
    // the one project alice may request in is chosen for her; viewers' projects are not offered
    await waitFor(() => expect(screen.getByText(/Quota left: 28 vCPUs/)).toBeTruthy(), { timeout: 8000 });
    expect(screen.queryByText(/Audit/)).toBeNull();

    fireEvent.change(input('Name'), { target: { value: 'web-1' } });
    fireEvent.change(input('Justification'), { target: { value: 'load tests' } });

    const preview = screen.getByTestId('request-preview');
    await waitFor(() => expect(preview.getAttribute('data-approval-levels')).toBe('1'), { timeout: 8000 });
    expect(preview.textContent).toContain('dept-manager');
    const sent = answers.calls.find(call => call.url === '/api/requests/preview')?.body as Record<string, unknown>;
    expect(sent).toMatchObject({ tenant: 'acme', project: 'web', type: 'vm',
      spec: { name: 'web-1', arch: 'x86_64', vcpus: 2, memoryMiB: 4096, diskGiB: 40, image: 'debian-12' } });

    answers.table['POST /api/requests'] = () => ({ status: 400, body: {
      title: 'Bad Request', status: 400, detail: 'invalid input',
      errors: [{ field: 'spec.name', message: 'name taken' }, { field: 'spec.somethingElse', message: 'not here' }],
    } });
    await act(async () => {
      fireEvent.click(screen.getByTestId('submit-request'));
    });
    await screen.findByText('name taken', undefined, { timeout: 8000 });
    expect(screen.getByText('spec.somethingElse: not here')).toBeTruthy();
    expect(input('Name').value).toBe('web-1'); // nothing lost

    answers.table['POST /api/requests'] = () => ({ status: 201, body: { id: 'r-42', status: 'PENDING_APPROVAL' } });
    fireEvent.change(input('Name'), { target: { value: 'web-2' } });
    await act(async () => {
      fireEvent.click(screen.getByTestId('submit-request'));
    });
    await screen.findByTestId('request-page', undefined, { timeout: 8000 });
    const submitted = answers.calls.filter(call => call.method === 'POST' && call.url === '/api/requests').at(-1)?.body;
    expect(submitted).toMatchObject({ justification: 'load tests', spec: { name: 'web-2' } });
  }, 40000);

  it('previews before the justification is written, sending none in its place', async () => {
    renderAt('/requests/new/vm');
    await screen.findByTestId('request-form', undefined, { timeout: 8000 });
    await waitFor(() => expect(screen.getByText(/Quota left: 28 vCPUs/)).toBeTruthy(), { timeout: 8000 });
    fireEvent.change(input('Name'), { target: { value: 'web-1' } });

    const preview = screen.getByTestId('request-preview');
    await waitFor(() => expect(preview.getAttribute('data-approval-levels')).toBe('1'), { timeout: 8000 });
    const sent = answers.calls.filter(call => call.url === '/api/requests/preview').at(-1)?.body as Record<string, unknown>;
    expect(sent.justification ?? '').toBe('');
    expect(sent).toMatchObject({ tenant: 'acme', project: 'web', type: 'vm', spec: { name: 'web-1' } });
  }, 30000);

  it('refuses what the API would refuse before sending it', async () => {
    renderAt('/requests/new/vm');
    await screen.findByTestId('request-form', undefined, { timeout: 8000 });
    fireEvent.change(input('Name'), { target: { value: '1web' } });
    await act(async () => {
      fireEvent.click(screen.getByTestId('submit-request'));
    });
    await screen.findByText(/starting with a letter, at most 63/, undefined, { timeout: 8000 });
    expect(answers.calls.some(call => call.method === 'POST' && call.url === '/api/requests')).toBe(false);
  }, 20000);
});

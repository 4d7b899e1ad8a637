import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { App as AntApp } from 'antd';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { MemoryRouter } from 'react-router-dom';

// the typed client keeps the fetch it was created with: a stand-in before any import, answering as `respond` says
const fake = vi.hoisted(() => {
  const state: { respond?: (input: RequestInfo | URL, init?: RequestInit) => Promise<Response> } = {};
  globalThis.fetch = (input: RequestInfo | URL, init?: RequestInit) => state.respond!(input, init);
  return state;
});

import '../../i18n';
import { TenantProvider } from '../../app/me';
import Findings from './Findings';
import Hosts from './Hosts';
import Incidents from './Incidents';
import TenantsConfig from './TenantsConfig';

/** The pages against canned API answers: they draw, call what they should and show what comes back. */
const answers: Record<string, { status?: number; body: unknown }> = {
  'GET /api/me': { body: { sub: 's', username: 'olga', roles: ['platform-admin'], tenants: [] } },
  'GET /api/hosts': {
    body: [
      { name: 'kvm1', uri: 'qemu+ssh://kvm1/system', driver: 'libvirt', arch: 'x86_64', domainType: 'KVM', state: 'up',
        capacity: { vcpus: 32, memoryMiB: 131072, diskGiB: 2000 }, allocated: { vcpus: 40, memoryMiB: 65536, diskGiB: 500 },
        free: { vcpus: 88, memoryMiB: 65536, diskGiB: 1500 }, gpus: { total: 2, free: ['0000:3b:00.0'] }, labels: { rack: 'r1' } },
      { name: 'arm1', uri: 'demo:', driver: 'demo', arch: 'aarch64', domainType: 'QEMU', state: 'down', stateReason: 'not answering',
        capacity: { vcpus: 64, memoryMiB: 262144, diskGiB: 4000 }, allocated: { vcpus: 0, memoryMiB: 0, diskGiB: 0 },
        free: { vcpus: 64, memoryMiB: 262144, diskGiB: 4000 }, gpus: { total: 0, free: [] }, labels: {} },
    ],
  },
  'GET /api/incidents': {
    body: { page: 0, size: 20, total: 1, items: [{ id: 'inc-1', tenant: 'acme', requestId: 'REQ-1', process: 'vm-provisioning',
      activity: 'CreateDomain', type: 'failedJob', message: 'libvirt refused\n  at Foo.bar', created: '2026-05-01T10:00:00Z', state: 'open' }] },
  },
  'GET /api/reconciliation/findings': {
    body: { page: 0, size: 20, total: 1, items: [{ id: 7, host: 'kvm1', domain: 'sg-req-9-0', kind: 'ORPHAN', detail: 'no record',
      firstSeen: '2026-05-01T10:00:00Z', lastSeen: '2026-05-01T11:00:00Z', open: true }] },
  },
  'POST /api/reconciliation/run': {
    body: { hosts: [{ host: 'kvm1', reconciled: true }, { host: 'arm1', reconciled: false, reason: 'down: not answering' }],
      findings: [{ id: 7, host: 'kvm1', domain: 'sg-req-9-0', kind: 'ORPHAN', open: true }] },
  },
  'POST /api/incidents/inc-1/resolve': { body: {} },
  'GET /api/tenants': { body: [{ id: 'acme', name: 'ACME', orgUnits: [], approvalLevels: [{ name: 'manager', sla: 'PT48H' }] }] },
  'GET /api/admin/keycloak/group-sync': { body: { enabled: false, deleteGroupsWithMembers: false } },
  'POST /api/admin/tenants-config/reload': {
    status: 422,
    body: { title: 'Invalid tenants-config', status: 422, detail: 'tenants-config has 2 error(s)', errors: [
      { file: 'tenants/acme.yaml', line: 12, field: 'projects[0].quota.vcpus', message: 'must be at least 0' },
      { file: 'tenants/acme.yaml', line: 3, field: 'name', message: 'must not be blank' },
    ] },
  },
};

const calls: string[] = [];
const posted: Record<string, unknown> = {};

beforeEach(() => {
  calls.length = 0;
  fake.respond = async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = input instanceof Request ? input : new Request(new URL(String(input), 'http://localhost'), init);
    const url = new URL(request.url);
    const key = `${request.method} ${url.pathname}`;
    calls.push(`${key}${url.search}`);
    if (request.method === 'POST') {
      const text = await request.text();
      posted[key] = text ? JSON.parse(text) : undefined;
    }
    const answer = answers[key] ?? { status: 404, body: { title: 'Not found', status: 404 } };
    return new Response(JSON.stringify(answer.body), {
      status: answer.status ?? 200,
      headers: { 'Content-Type': (answer.status ?? 200) >= 400 ? 'application/problem+json' : 'application/json' },
    });
  };
});

afterEach(() => {
  cleanup();
});

function show(page: React.ReactNode, path = '/') {
  const queries = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return render(
    <QueryClientProvider client={queries}>
      <AntApp>
        <TenantProvider>
          <MemoryRouter initialEntries={[path]}>{page}</MemoryRouter>
        </TenantProvider>
      </AntApp>
    </QueryClientProvider>,
  );
}

describe('operator pages', () => {
  it('hosts: summary per arch, state with reason, free GPU addresses', async () => {
    show(<Hosts />, '/ops/hosts');
    await screen.findByTestId('host-kvm1');
    expect(screen.getByTestId('hosts')).toBeTruthy();
    expect(screen.getByTestId('arch-summary-x86_64')).toBeTruthy();
    expect(screen.getByTestId('arch-summary-aarch64')).toBeTruthy();
    expect(screen.getByText('Down: not answering')).toBeTruthy();
    expect(screen.getByText('0000:3b:00.0')).toBeTruthy();
    expect(document.querySelector('[data-status="down"]')).toBeTruthy();
  });

  it('hosts: the arch filter in the URL narrows the list', async () => {
    show(<Hosts />, '/ops/hosts?arch=aarch64');
    await screen.findByTestId('host-arm1');
    expect(screen.queryByTestId('host-kvm1')).toBeNull();
  });

  it('hosts: the table view has a row per host, keyed by name', async () => {
    show(<Hosts />, '/ops/hosts?view=table&state=down');
    await waitFor(() => expect(document.querySelector('tr[data-row-key="arm1"]')).toBeTruthy());
    expect(document.querySelector('tr[data-row-key="kvm1"]')).toBeNull();
    expect(screen.getAllByText('not answering').length).toBeGreaterThan(0);
  });

  it('incidents: asks for open ones, links the request, offers retry and resolve', async () => {
    show(<Incidents />, '/ops/incidents');
    await screen.findByText('REQ-1');
    expect(calls.some(c => c.startsWith('GET /api/incidents') && c.includes('state=open'))).toBe(true);
    expect(document.querySelector('tr[data-row-key="inc-1"]')).toBeTruthy();
    expect(screen.getByText('libvirt refused')).toBeTruthy();
    expect(screen.getByTestId('incident-retry')).toBeTruthy();
    fireEvent.click(screen.getByTestId('incident-resolve'));
    fireEvent.change(await screen.findByTestId('incident-comment'), { target: { value: 'fixed the host by hand' } });
    fireEvent.click(screen.getByTestId('incident-resolve-confirm'));
    await waitFor(() => expect(posted['POST /api/incidents/inc-1/resolve']).toEqual({ comment: 'fixed the host by hand' }));
  });

  it('findings: lists, runs now and shows the run', async () => {
    show(<Findings />, '/ops/findings');
    await screen.findByText('sg-req-9-0');
    expect(calls.some(c => c.startsWith('GET /api/reconciliation/findings') && c.includes('open=true'))).toBe(true);
    expect(screen.getByTestId('finding-destroy')).toBeTruthy();
    fireEvent.click(screen.getByTestId('run-reconciliation'));
    const confirm = await screen.findAllByRole('button', { name: 'Run now' });
    fireEvent.click(confirm[confirm.length - 1]);
    await screen.findByTestId('run-result');
    expect(screen.getByText(/arm1/)).toBeTruthy();
  });

  it('tenants config: a refused reload shows its errors by file and line', async () => {
    show(<TenantsConfig />, '/ops/tenants-config');
    await screen.findByText('ACME');
    await waitFor(() => expect((screen.getByTestId('reload-tenants-config') as HTMLButtonElement).disabled).toBe(false));
    fireEvent.click(screen.getByTestId('reload-tenants-config'));
    const buttons = await screen.findAllByRole('button', { name: 'Reload' });
    fireEvent.click(buttons[buttons.length - 1]);
    const errors = await screen.findByTestId('reload-errors');
    const lines = [...errors.querySelectorAll('tbody tr.ant-table-row')].map(row => row.textContent);
    expect(lines[0]).toContain('name');
    expect(lines[1]).toContain('projects[0].quota.vcpus');
  });
});

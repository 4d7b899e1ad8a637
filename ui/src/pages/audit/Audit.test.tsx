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

import '../../i18n';
import { TenantProvider } from '../../app/me';
import Audit from './Audit';

const hash = (c: string) => c.repeat(64);
const entries = [
  { sequence: 12, at: '2026-12-05T10:00:00Z', actorId: 'u-carol', actorName: 'carol', actingFor: 'bob', tenant: 'acme',
    subjectKind: 'request', subjectId: 'REQ-1', requestId: 'REQ-1', action: 'approval.approved',
    details: '{"level":"dept-manager","comment":"ok"}', prevHash: hash('a'), hash: hash('b') },
  { sequence: 11, at: '2026-12-05T09:00:00Z', actorId: 'system', actorName: 'system', tenant: 'acme',
    subjectKind: 'vm', subjectId: 'sg-acme-1', action: 'vm.teleported', details: '{}', prevHash: hash('0'), hash: hash('a') },
];

const calls: string[] = [];
let verification: unknown = { valid: true, checked: 12, head: { sequence: 12, hash: hash('b') } };

beforeEach(() => {
  calls.length = 0;
  fake.respond = async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = input instanceof Request ? input : new Request(new URL(String(input), 'http://localhost'), init);
    const url = new URL(request.url);
    calls.push(`${url.pathname}${url.search}`);
    switch (url.pathname) {
      case '/api/me':
        return Response.json({ sub: 's', username: 'maya', roles: ['auditor'], auditor: true, tenants: [{ tenantId: 'acme', name: 'ACME', roles: [] }] });
      case '/api/audit':
        return Response.json({ items: entries, page: 0, size: 20, total: 2, hasNext: false });
      case '/api/audit/verify':
        return Response.json(verification);
      case '/api/audit/checkpoints':
        return Response.json({ items: [{ sequence: 10, hash: hash('c'), signedAt: '2026-12-05T08:00:00Z', keyId: 'k1',
          payload: `stackgate-audit-checkpoint:10:${hash('c')}:2026-12-05T08:00:00Z`, signature: 'c2ln' }], page: 0, size: 5, total: 1 });
      case '/api/audit/public-key':
        return Response.json({ algorithm: 'Ed25519', keyId: 'k1', publicKey: 'MCow', pem: '-----BEGIN PUBLIC KEY-----\nMCow\n-----END PUBLIC KEY-----' });
      default:
        return Response.json({ title: 'Not found', status: 404 }, { status: 404 });
    }
  };
});

afterEach(() => cleanup());

function show(path: string) {
  const queries = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return render(
    <QueryClientProvider client={queries}>
      <AntApp>
        <TenantProvider>
          <MemoryRouter initialEntries={[path]}><Audit /></MemoryRouter>
        </TenantProvider>
      </AntApp>
    </QueryClientProvider>,
  );
}

describe('the audit page', () => {
  it('searches with the URL\'s filters, the picked last day included', async () => {
    show('/audit?action=approval.&actor=carol&from=2026-12-01&to=2026-12-05&page=1');
    await screen.findByText('Approved');
    expect(calls).toContain('/api/audit?actor=carol&action=approval.&from=2026-12-01&to=2026-12-06&page=1&size=20');
  });

  it('shows rows keyed by sequence: labels per action (else as recorded), acting-for, system, the request link', async () => {
    show('/audit');
    await screen.findByText('Approved');
    expect(document.querySelector('tr[data-row-key="12"]')).toBeTruthy();
    expect(document.querySelector('tr[data-row-key="11"]')).toBeTruthy();
    expect(screen.getByText('for bob')).toBeTruthy();
    expect(screen.getByText('System')).toBeTruthy();
    expect(screen.getByText('vm.teleported')).toBeTruthy();
    expect(document.querySelector('a[href="/requests/REQ-1"]')).toBeTruthy();
    expect(screen.getAllByText('ACME').length).toBeGreaterThan(0);
  });

  it('opens a row: its details pretty-printed and its hashes', async () => {
    show('/audit');
    await screen.findByText('Approved');
    fireEvent.click(document.querySelector('tr[data-row-key="12"] .ant-table-row-expand-icon')!);
    const details = await screen.findByTestId('audit-details-json');
    expect(details.textContent).toBe('{\n  "level": "dept-manager",\n  "comment": "ok"\n}');
    expect(screen.getByTestId('audit-hash').textContent).toContain(hash('b'));
    expect(screen.getByTestId('audit-prev-hash').textContent).toBe(hash('a'));
  });

  it('verifies the chain on demand: valid, or the first broken row and why', async () => {
    show('/audit');
    const card = await screen.findByTestId('audit-verify');
    expect(card.getAttribute('data-valid')).toBeNull();
    expect(calls.some(call => call.startsWith('/api/audit/verify'))).toBe(false);
    fireEvent.click(screen.getByTestId('audit-verify-now'));
    await waitFor(() => expect(card.getAttribute('data-valid')).toBe('true'));
    cleanup();

    verification = { valid: false, checked: 7, head: { sequence: 12, hash: hash('b') }, firstBroken: 7, reason: 'hash differs' };
    show('/audit');
    fireEvent.click(await screen.findByTestId('audit-verify-now'));
    await waitFor(() => expect(screen.getByTestId('audit-verify').getAttribute('data-valid')).toBe('false'));
    expect(screen.getByText('First broken row: 7. hash differs')).toBeTruthy();
  });

  it('shows the public key and the OpenSSL commands for the newest checkpoint', async () => {
    show('/audit');
    const pem = await screen.findByTestId('audit-pem');
    await waitFor(() => expect(pem.textContent).toContain('BEGIN PUBLIC KEY'));
    await waitFor(() => expect(screen.getByTestId('audit-offline').textContent)
      .toContain(`'stackgate-audit-checkpoint:10:${hash('c')}:2026-12-05T08:00:00Z'`));
  });
});

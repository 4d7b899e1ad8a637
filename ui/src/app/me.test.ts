import { describe, expect, it } from 'vitest';

import { displayName, initials, isApprover, isOperator, isOverseer, normalizeMe } from './me';

/** GET /api/me as MeController answers: `roles` platform roles only; tenant roles inside each tenant. */
const me = (answer: Parameters<typeof normalizeMe>[0]) => normalizeMe({ sub: 's', username: 'u', ...answer });

describe('who the user is (/api/me)', () => {
  it('fills in the lists the document leaves optional', () => {
    const answer = normalizeMe({ sub: 's', username: 'alice', tenants: [{ tenantId: 'acme' }, { name: 'no id' }] });
    expect(answer.roles).toEqual([]);
    expect(answer.tenants).toEqual([{ tenantId: 'acme', roles: [] }]);
  });

  it('a requester sees neither the inbox nor the operator pages', () => {
    const alice = me({ roles: [], tenants: [{ tenantId: 'acme', roles: ['requester'] }], approver: false, operator: false });
    expect(isApprover(alice)).toBe(false);
    expect(isOperator(alice)).toBe(false);
  });

  it('an approver (the flag, or the role in a tenant) and a tenant admin see the inbox, not the operator pages', () => {
    const bob = me({ roles: [], tenants: [{ tenantId: 'acme', roles: ['approver', 'requester'] }], approver: true });
    const flagOnly = me({ roles: [], tenants: [], approver: true });
    const carol = me({ roles: [], tenants: [{ tenantId: 'acme', roles: ['tenant-admin'] }], approver: false });
    for (const user of [bob, flagOnly, carol]) {
      expect(isApprover(user)).toBe(true);
      expect(isOperator(user)).toBe(false);
    }
  });

  it('platform ops and admins see both; an auditor alone sees neither', () => {
    const olga = me({ roles: ['platform-ops'], tenants: [{ tenantId: 'acme', roles: [] }], operator: true });
    const roleOnly = me({ roles: ['platform-admin'], tenants: [] });
    const maya = me({ roles: ['auditor'], tenants: [{ tenantId: 'acme', roles: [] }], auditor: true });
    expect(isOperator(olga)).toBe(true);
    expect(isApprover(olga)).toBe(true);
    expect(isOperator(roleOnly)).toBe(true);
    expect(isOperator(maya)).toBe(false);
    expect(isApprover(maya)).toBe(false);
    expect(isOperator(undefined)).toBe(false);
    expect(isApprover(undefined)).toBe(false);
  });

  it('the audit log is offered to auditors, tenant admins and platform operators, not to requesters or approvers', () => {
    const maya = me({ roles: ['auditor'], tenants: [{ tenantId: 'acme', roles: [] }], auditor: true });
    const carol = me({ roles: [], tenants: [{ tenantId: 'acme', roles: ['tenant-admin'] }] });
    const olga = me({ roles: ['platform-ops'], tenants: [], operator: true });
    const alice = me({ roles: [], tenants: [{ tenantId: 'acme', roles: ['requester'] }] });
    const bob = me({ roles: [], tenants: [{ tenantId: 'acme', roles: ['approver', 'requester'] }], approver: true });
    expect([maya, carol, olga].map(isOverseer)).toEqual([true, true, true]);
    expect([alice, bob, undefined].map(isOverseer)).toEqual([false, false, false]);
  });

  it('shows the display name, else the user name, with initials for the avatar', () => {
    expect(displayName(me({ displayName: 'Alice Martin', username: 'alice' }))).toBe('Alice Martin');
    expect(displayName(me({ displayName: ' ', username: 'alice' }))).toBe('alice');
    expect(displayName(undefined)).toBe('');
    expect(initials('Alice Martin')).toBe('AM');
    expect(initials('Alice Martin-Dupont')).toBe('AM');
    expect(initials('bob')).toBe('B');
    expect(initials('jean-luc.picard')).toBe('JP');
    expect(initials('\u738b\u5c0f\u660e')).toBe('\u738b');
    expect(initials('  ')).toBe('');
  });
});

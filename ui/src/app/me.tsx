import { createContext, useContext, useMemo, useState, type ReactNode } from 'react';
import { useQuery } from '@tanstack/react-query';

import { api } from '../api/client';
import { unwrap } from '../api/problems';
import type { components } from '../api/schema';

/**
 * Who the signed-in user is, as GET /api/me answers (MeController.Me): `roles` the platform roles only, each tenant
 * with the user's roles there. The API always sends the lists and the ids (the document marks nothing required):
 * {@link useMe} fills them in, so the rest of the UI need not ask.
 */
export type MeTenant = components['schemas']['TenantMembership'] & { tenantId: string; roles: string[] };
export type Me = Omit<components['schemas']['Me'], 'roles' | 'tenants'> & { roles: string[]; tenants: MeTenant[] };

/** The answer with its lists and ids present. */
export function normalizeMe(answer: components['schemas']['Me']): Me {
  return {
    ...answer,
    roles: answer.roles ?? [],
    tenants: (answer.tenants ?? []).filter(tenant => !!tenant.tenantId)
      .map(tenant => ({ ...tenant, tenantId: tenant.tenantId!, roles: tenant.roles ?? [] })),
  };
}

/** Platform roles that open the operator pages (hosts, incidents, findings, tenants config). */
export const OPERATOR_ROLES = ['platform-ops', 'platform-admin'];

/**
 * The operator pages: platform operators and admins. `roles` holds the platform roles only, `operator` says the same
 * (Caller.isPlatformWide); an auditor alone is not one.
 */
export function isOperator(me: Me | undefined): boolean {
  return !!me && (me.operator === true || me.roles.some(role => OPERATOR_ROLES.includes(role)));
}

/**
 * The inbox: whoever may hold approval tasks — approvers (the `approver` flag; in a tenant its `approver` role), a
 * tenant's admins (the tenant-admin level) and platform operators (the platform-ops level, incidents).
 */
export function isApprover(me: Me | undefined): boolean {
  return !!me && (me.approver === true || isOperator(me)
    || me.tenants.some(tenant => tenant.roles.some(role => role === 'approver' || role === 'tenant-admin')));
}

/**
 * The audit log and the dashboards: auditors (their tenants), a tenant's admins (that tenant) and platform operators
 * and admins (all) — whom GET /api/audit answers; the server still decides what each sees.
 */
export function isOverseer(me: Me | undefined): boolean {
  return !!me && (me.auditor === true || me.roles.includes('auditor') || isOperator(me)
    || me.tenants.some(tenant => tenant.roles.includes('tenant-admin')));
}

/** The name to show: the display name, else the user name. */
export function displayName(me: Me | undefined): string {
  return me?.displayName?.trim() || me?.username || '';
}

/** Up to two initials of a name for an avatar ("Alice Martin-Dupont" → "AM", "bob" → "B"; a CJK name: its first character). */
export function initials(name: string): string {
  // words of a display name ("Alice Martin-Dupont"), else the parts of a user name ("jean-luc.picard")
  const spaced = name.trim().split(/\s+/).filter(Boolean);
  const words = spaced.length > 1 ? spaced : name.trim().split(/[._@-]+/).filter(Boolean);
  if (words.length === 0) {
    return '';
  }
  const first = Array.from(words[0])[0] ?? '';
  if (/[\u3400-\u9fff]/.test(first)) {
    return first;
  }
  const last = words.length > 1 ? Array.from(words[words.length - 1])[0] ?? '' : '';
  return (first + last).toUpperCase();
}

export function useMe() {
  return useQuery({
    queryKey: ['me'],
    staleTime: 5 * 60_000,
    queryFn: async () => normalizeMe(unwrap(await api.GET('/api/me'))),
  });
}

/** The tenant the user works in (people in several tenants switch it in the header); undefined: all of theirs. */
interface TenantChoice {
  tenant: string | undefined;
  setTenant: (tenant: string | undefined) => void;
}

const TenantContext = createContext<TenantChoice>({ tenant: undefined, setTenant: () => undefined });
const KEY = 'stackgate.tenant';

export function TenantProvider({ children }: { children: ReactNode }) {
  const [tenant, setTenantState] = useState<string | undefined>(() => window.localStorage.getItem(KEY) ?? undefined);
  const value = useMemo(() => ({
    tenant,
    setTenant: (next: string | undefined) => {
      if (next) {
        window.localStorage.setItem(KEY, next);
      } else {
        window.localStorage.removeItem(KEY);
      }
      setTenantState(next);
    },
  }), [tenant]);
  return <TenantContext.Provider value={value}>{children}</TenantContext.Provider>;
}

/** The chosen tenant, if it is still one of the user's. */
export function useTenant(): TenantChoice {
  const choice = useContext(TenantContext);
  const { data: me } = useMe();
  const valid = choice.tenant && (!me || me.tenants.some(t => t.tenantId === choice.tenant)) ? choice.tenant : undefined;
  return { tenant: valid, setTenant: choice.setTenant };
}

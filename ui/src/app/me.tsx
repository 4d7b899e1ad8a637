import { createContext, useContext, useMemo, useState, type ReactNode } from 'react';
import { useQuery } from '@tanstack/react-query';

import { authHeaders } from '../api/client';
import { ProblemError } from '../api/problems';

/** Who the signed-in user is, as GET /api/me answers. */
export interface MeTenant {
  tenantId: string;
  name?: string;
  roles: string[];
}

export interface Me {
  sub: string;
  username: string;
  displayName?: string;
  roles: string[];
  tenants: MeTenant[];
  approver?: boolean;
  operator?: boolean;
}

export const OPERATOR_ROLES = ['platform-ops', 'platform-admin'];

export function isOperator(me: Me | undefined): boolean {
  return !!me && (me.operator === true || me.roles.some(role => OPERATOR_ROLES.includes(role)));
}

export function isApprover(me: Me | undefined): boolean {
  return !!me && (me.approver === true || me.roles.includes('approver')
    || me.tenants.some(tenant => tenant.roles.includes('approver') || tenant.roles.includes('tenant-admin')));
}

export function useMe() {
  return useQuery({
    queryKey: ['me'],
    staleTime: 5 * 60_000,
    queryFn: async (): Promise<Me> => {
      const response = await fetch('/api/me', { headers: { Accept: 'application/json', ...authHeaders() } });
      if (!response.ok) {
        throw new ProblemError(await response.json().catch(() => ({})), response.status);
      }
      return response.json();
    },
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

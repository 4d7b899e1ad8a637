import { useQuery } from '@tanstack/react-query';

import { api } from '../../api/client';
import { unwrap } from '../../api/problems';
import { useMe, type Me } from '../../app/me';

/** The projects of a tenant (for filters); none while no tenant is chosen. */
export function useProjects(tenant: string | undefined) {
  return useQuery({
    queryKey: ['projects', tenant],
    enabled: !!tenant,
    staleTime: 60_000,
    queryFn: async () => unwrap(await api.GET('/api/tenants/{tenantId}/projects', {
      params: { path: { tenantId: tenant! } },
    })),
  });
}

/** Whether the user sees others' requests in the tenant (or in any of theirs): approvers, tenant admins, operators. */
export function seesOthers(me: Me | undefined, tenant: string | undefined): boolean {
  if (!me) {
    return false;
  }
  if (me.operator || me.auditor || me.roles.some(role => ['platform-ops', 'platform-admin', 'auditor'].includes(role))) {
    return true;
  }
  return me.tenants.filter(entry => !tenant || entry.tenantId === tenant)
    .some(entry => entry.roles.some(role => ['tenant-admin', 'approver'].includes(role)));
}

export function useSeesOthers(tenant: string | undefined): boolean {
  const { data: me } = useMe();
  return seesOthers(me, tenant);
}

/** `tenant=all` in the URL: every tenant of the user, whatever the header says. */
export const ALL = 'all';

/** The filters of the list as the URL keeps them (so a link or a reload shows the same list). */
export function listFilters(params: URLSearchParams, headerTenant: string | undefined) {
  const tenantParam = params.get('tenant');
  const page = Math.max(0, Number(params.get('page') ?? '0') || 0);
  const size = Number(params.get('size') ?? '20') || 20;
  return {
    tenant: tenantParam === ALL ? undefined : tenantParam ?? headerTenant,
    status: params.get('status') ?? undefined,
    type: params.get('type') ?? undefined,
    project: params.get('project') ?? undefined,
    text: params.get('text')?.trim() || undefined,
    mine: params.get('mine') !== '0',
    page,
    size: Math.min(200, Math.max(1, size)),
  };
}


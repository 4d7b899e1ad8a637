import { useQuery } from '@tanstack/react-query';

import { api } from '../../api/client';
import { unwrap } from '../../api/problems';
import type { components } from '../../api/schema';

/** The tenants the user may see (GET /api/tenants). */
export function useTenants() {
  return useQuery({
    queryKey: ['tenants'],
    staleTime: 5 * 60_000,
    queryFn: async () => unwrap(await api.GET('/api/tenants')),
  });
}

/** A tenant's projects with quota, usage and the user's role (GET /api/tenants/{id}/projects). */
export function useProjects(tenant: string | undefined) {
  return useQuery({
    queryKey: ['projects', tenant],
    enabled: !!tenant,
    queryFn: async () => unwrap(await api.GET('/api/tenants/{tenantId}/projects',
      { params: { path: { tenantId: tenant as string } } })),
  });
}

/** Images per arch, GPUs of the fleet, size presets and clusters (GET /api/catalogue). */
export function useCatalogue() {
  return useQuery({
    queryKey: ['catalogue'],
    staleTime: 5 * 60_000,
    queryFn: async () => unwrap(await api.GET('/api/catalogue')),
  });
}

/** The completed requests of a project a day-2 request may name, newest first. */
export function useCompletedRequests(tenant: string | undefined, project: string | undefined) {
  return useQuery({
    queryKey: ['requests', 'completed', tenant, project],
    enabled: !!tenant && !!project,
    queryFn: async () => unwrap(await api.GET('/api/requests', {
      params: { query: { tenant, project, status: 'COMPLETED', size: 200 } },
    })),
  });
}

/** One resource (a day-2 form started from My resources). */
export function useResource(id: string | null) {
  return useQuery({
    queryKey: ['resource', id],
    enabled: !!id,
    queryFn: async () => unwrap(await api.GET('/api/resources/{id}', { params: { path: { id: id as string } } })),
  });
}

/** The body of POST /api/requests (SubmitRequest: the justification is required). */
export type Submission = components['schemas']['SubmitRequest'];

/** The body of POST /api/requests/preview (RequestDraft: as a submission, the justification may still be missing). */
export type Draft = components['schemas']['RequestDraft'];

/** POST /api/requests/preview's answer: cost, quota fit and approval levels of what a submit would be. */
export type RequestPreview = components['schemas']['RequestPreview'];

export async function previewRequest(body: Draft, signal: AbortSignal): Promise<RequestPreview> {
  return unwrap(await api.POST('/api/requests/preview', { body, signal }));
}

import { useQuery } from '@tanstack/react-query';

import { api, authHeaders } from '../../api/client';
import { isProblem, ProblemError, unwrap } from '../../api/problems';
import type { Quota } from './rules';

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

/** The body of POST /api/requests and /api/requests/preview (SubmitRequest). */
export interface Submission {
  tenant: string;
  project: string;
  type: string;
  spec: Record<string, unknown>;
  justification: string;
}

/**
 * POST /api/requests/preview's answer (io.stackgate.requests.RequestPreview, branch ui-api-requests): called with
 * fetch until that endpoint is merged into the typed client.
 */
export interface RequestPreview {
  tenant: string;
  project: string;
  orgUnit?: string;
  type: string;
  spec: Record<string, unknown>;
  estimatedMonthlyCost: { amount: number; currency: string };
  quota: {
    limits: Quota;
    used: Quota;
    requested: Quota;
    remainingAfter: Quota;
    tenantLimits?: Quota;
    tenantUsed?: Quota;
    tenantRemainingAfter?: Quota;
    fits: boolean;
    exceeded: string[];
  };
  preApproved: boolean;
  approvalLevels: { level: string; candidateGroup?: string; sla?: string | null; slaHours?: number }[];
}

export async function previewRequest(body: Submission, signal: AbortSignal): Promise<RequestPreview> {
  const response = await fetch('/api/requests/preview', {
    method: 'POST',
    signal,
    headers: { 'Content-Type': 'application/json', Accept: 'application/json, application/problem+json', ...authHeaders() },
    body: JSON.stringify(body),
  });
  const answer: unknown = await response.json().catch(() => ({}));
  if (!response.ok) {
    throw new ProblemError(isProblem(answer) ? answer : { title: response.statusText }, response.status);
  }
  return answer as RequestPreview;
}

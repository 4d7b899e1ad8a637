import { authHeaders } from '../../api/client';
import { isProblem, ProblemError } from '../../api/problems';

/**
 * POST to an endpoint not yet in ui/openapi.json (being added on branch ui-api-approvals): JSON in and out, a failed
 * answer thrown as ProblemError like `unwrap` does. Replace with `api.POST` once the endpoint is merged.
 */
export async function postJson<T>(path: string, body?: unknown): Promise<T | undefined> {
  const response = await fetch(path, {
    method: 'POST',
    headers: {
      Accept: 'application/json, application/problem+json',
      ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
      ...authHeaders(),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  if (!response.ok) {
    throw new ProblemError(isProblem(json) ? json : { title: response.statusText || `HTTP ${response.status}` }, response.status);
  }
  return json as T | undefined;
}

/** POST /api/incidents/{id}/retry: the failed job gets its retries back and runs again. */
export function retryIncident(id: string) {
  return postJson<unknown>(`/api/incidents/${encodeURIComponent(id)}/retry`);
}

/** POST /api/incidents/{id}/resolve {comment}: the operator closes the incident, saying why. */
export function resolveIncident(id: string, comment: string) {
  return postJson<unknown>(`/api/incidents/${encodeURIComponent(id)}/resolve`, { comment });
}

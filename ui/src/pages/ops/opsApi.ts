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

/**
 * What an incident action answers (IncidentActionsController.IncidentAction on ui-api-approvals): `action` is
 * `retried`, `resolved` (closed in the engine) or `acknowledged` (the comment stored: a failed job's incident stays
 * open until a retry succeeds; a closed incident is acknowledged), `state` is the incident's after it.
 */
export interface IncidentAction {
  id: string;
  type?: string;
  state?: 'open' | 'closed' | string;
  action?: 'retried' | 'resolved' | 'acknowledged' | string;
  acknowledgedBy?: string;
  at?: string;
}

/** Only an open failed job's incident can be retried (the API answers a problem for any other). */
export const FAILED_JOB = 'failedJob';

/** The comment of a resolution: 1 to 2000 characters, not blank (the API's Resolution record). */
export const COMMENT_MAX = 2000;

/** POST /api/incidents/{id}/retry: the failed job gets a retry and the job executor runs it again. */
export function retryIncident(id: string) {
  return postJson<IncidentAction>(`/api/incidents/${encodeURIComponent(id)}/retry`);
}

/** POST /api/incidents/{id}/resolve {comment}: resolved in the engine where it can be, else acknowledged. */
export function resolveIncident(id: string, comment: string) {
  return postJson<IncidentAction>(`/api/incidents/${encodeURIComponent(id)}/resolve`, { comment });
}

import { api } from '../../api/client';
import { unwrap } from '../../api/problems';
import type { components } from '../../api/schema';

/**
 * What an incident action answers (IncidentActionsController.IncidentAction): `action` is `retried`, `resolved`
 * (closed in the engine) or `acknowledged` (the comment stored: a failed job's incident stays open until a retry
 * succeeds; a closed incident is acknowledged), `state` is the incident's after it.
 */
export type IncidentAction = components['schemas']['IncidentAction'];

/** An incident as GET /api/incidents lists it: with its process instance (for Cockpit) and a stored acknowledgement. */
export type Incident = components['schemas']['IncidentView'];

/** Only an open failed job's incident can be retried (the API answers a problem for any other). */
export const FAILED_JOB = 'failedJob';

/** The comment of a resolution: 1 to 2000 characters, not blank (the API's IncidentResolution record). */
export const COMMENT_MAX = 2000;

/** POST /api/incidents/{id}/retry: the failed job gets a retry and the job executor runs it again. */
export async function retryIncident(id: string): Promise<IncidentAction> {
  return unwrap(await api.POST('/api/incidents/{id}/retry', { params: { path: { id } } }));
}

/** POST /api/incidents/{id}/resolve {comment}: resolved in the engine where it can be, else acknowledged. */
export async function resolveIncident(id: string, comment: string): Promise<IncidentAction> {
  return unwrap(await api.POST('/api/incidents/{id}/resolve', { params: { path: { id } }, body: { comment } }));
}

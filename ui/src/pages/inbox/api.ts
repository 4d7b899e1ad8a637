import { api, authHeaders } from '../../api/client';
import { isProblem, ProblemError, unwrap } from '../../api/problems';
import type { TaskQuery } from './filters';
import type { BulkResult, DecisionContext, Task, TaskPage } from './model';
import { commentBody } from './rules';
import type { FitNeed } from './spec';

/**
 * The inbox's calls. Those already in ui/openapi.json go through the typed client; the ones being added on
 * ui-api-approvals (new list filters, version, bulk approve, decision context, hosts fit) use fetch with the same
 * token until they are merged and the types are regenerated.
 */
/** The key under which every task query is cached (a decision, claim or bulk approval invalidates them all). */
export const TASKS_KEY = ['tasks'] as const;

async function problemOf(response: Response): Promise<ProblemError> {
  const body: unknown = await response.json().catch(() => undefined);
  return new ProblemError(isProblem(body) ? body : { title: response.statusText, status: response.status }, response.status);
}

function queryString(query: object): string {
  const params = new URLSearchParams();
  Object.entries(query).forEach(([key, value]) => {
    if (value !== undefined && value !== null && value !== '') {
      params.set(key, String(value));
    }
  });
  const text = params.toString();
  return text ? `?${text}` : '';
}

async function getJson<T>(path: string, query: object = {}, signal?: AbortSignal): Promise<T> {
  const response = await fetch(path + queryString(query), {
    headers: { Accept: 'application/json, application/problem+json', ...authHeaders() }, signal,
  });
  if (!response.ok) {
    throw await problemOf(response);
  }
  return response.json() as Promise<T>;
}

async function postJson<T>(path: string, body: unknown): Promise<T> {
  const response = await fetch(path, {
    method: 'POST',
    headers: { Accept: 'application/json, application/problem+json', 'Content-Type': 'application/json', ...authHeaders() },
    body: JSON.stringify(body),
  });
  if (!response.ok) {
    throw await problemOf(response);
  }
  return response.json() as Promise<T>;
}

export function listTasks(query: TaskQuery, signal?: AbortSignal): Promise<TaskPage> {
  return getJson<TaskPage>('/api/tasks', query, signal);
}

/**
 * The inbox's version (GET /api/tasks/version, ETag + 304): `changed` false when it has not moved since `etag`.
 * A 404 means the server has no such endpoint (yet): the caller polls the list instead.
 */
export async function inboxVersion(etag: string | undefined): Promise<{ changed: boolean; etag?: string; version?: number }> {
  const response = await fetch('/api/tasks/version', {
    headers: { Accept: 'application/json', ...(etag ? { 'If-None-Match': etag } : {}), ...authHeaders() },
    cache: 'no-store',
  });
  if (response.status === 304) {
    return { changed: false, etag };
  }
  if (!response.ok) {
    throw await problemOf(response);
  }
  const body = (await response.json()) as { version?: number };
  const next = response.headers.get('ETag') ?? (body.version !== undefined ? `"${body.version}"` : undefined);
  return { changed: next !== etag, etag: next, version: body.version };
}

export function bulkApprove(taskIds: string[], comment: string | undefined): Promise<BulkResult> {
  return postJson<BulkResult>('/api/tasks/bulk-approve', { taskIds, ...commentBody(comment) });
}

export async function getTask(id: string): Promise<Task> {
  return unwrap(await api.GET('/api/tasks/{id}', { params: { path: { id } } })) as Task;
}

export function getContext(id: string): Promise<DecisionContext> {
  return getJson<DecisionContext>(`/api/tasks/${encodeURIComponent(id)}/context`);
}

export async function getRequest(id: string) {
  return unwrap(await api.GET('/api/requests/{id}', { params: { path: { id } } }));
}

/** GET /api/hosts/fit?arch&vcpus&memoryMiB&diskGiB&gpus: the hosts of the arch and whether one such VM fits on each. */
export function hostsFit(need: FitNeed): Promise<unknown> {
  const { arch, vcpus, memoryMiB, diskGiB, gpus } = need;
  return getJson<unknown>('/api/hosts/fit', { arch, vcpus, memoryMiB, diskGiB, gpus });
}

export async function claimTask(id: string): Promise<Task> {
  return unwrap(await api.POST('/api/tasks/{id}/claim', { params: { path: { id } } })) as Task;
}

export async function releaseTask(id: string): Promise<Task> {
  return unwrap(await api.POST('/api/tasks/{id}/release', { params: { path: { id } } })) as Task;
}

export async function approveTask(id: string, comment: string | undefined): Promise<void> {
  unwrap(await api.POST('/api/tasks/{id}/approve', { params: { path: { id } }, body: commentBody(comment) }));
}

export async function rejectTask(id: string, comment: string): Promise<void> {
  unwrap(await api.POST('/api/tasks/{id}/reject', { params: { path: { id } }, body: commentBody(comment) }));
}

export async function delegateTask(id: string, user: string): Promise<Task> {
  return unwrap(await api.POST('/api/tasks/{id}/delegate', { params: { path: { id } }, body: { user: user.trim() } })) as Task;
}

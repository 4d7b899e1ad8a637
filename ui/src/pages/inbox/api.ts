import { api } from '../../api/client';
import { isProblem, ProblemError, unwrap } from '../../api/problems';
import type { operations } from '../../api/schema';
import type { TaskQuery } from './filters';
import type { BulkResult, DecisionContext, Task, TaskPage } from './model';
import { commentBody } from './rules';
import type { FitNeed } from './spec';

/** The inbox's calls, through the typed client (types generated from ui/openapi.json). */
/** The key under which every task query is cached (a decision, claim or bulk approval invalidates them all). */
export const TASKS_KEY = ['tasks'] as const;

export async function listTasks(query: TaskQuery, signal?: AbortSignal): Promise<TaskPage> {
  return unwrap(await api.GET('/api/tasks', { params: { query }, signal }));
}

/**
 * The inbox's version (GET /api/tasks/version, ETag + 304): `changed` false when it has not moved since `etag`.
 * A 404 means the server has no such endpoint: the caller polls the list instead. The 304 is read off the response
 * (openapi-fetch answers it as an error without a body); `no-store` keeps the browser's cache from answering a 200 of
 * its own for our If-None-Match.
 */
export async function inboxVersion(etag: string | undefined): Promise<{ changed: boolean; etag?: string; version?: number }> {
  const { data, error, response } = await api.GET('/api/tasks/version', {
    headers: etag ? { 'If-None-Match': etag } : {},
    cache: 'no-store',
  });
  if (response.status === 304) {
    return { changed: false, etag };
  }
  if (!response.ok) {
    throw new ProblemError(isProblem(error) ? error : { title: response.statusText, status: response.status }, response.status);
  }
  const version = data?.version;
  const next = response.headers.get('ETag') ?? (version !== undefined ? `"${version}"` : undefined);
  return { changed: next !== etag, etag: next, version };
}

export async function bulkApprove(taskIds: string[], comment: string | undefined): Promise<BulkResult> {
  return unwrap(await api.POST('/api/tasks/bulk-approve', { body: { taskIds, ...commentBody(comment) } }));
}

export async function getTask(id: string): Promise<Task> {
  return unwrap(await api.GET('/api/tasks/{id}', { params: { path: { id } } }));
}

export async function getContext(id: string): Promise<DecisionContext> {
  return unwrap(await api.GET('/api/tasks/{id}/context', { params: { path: { id } } }));
}

export async function getRequest(id: string) {
  return unwrap(await api.GET('/api/requests/{id}', { params: { path: { id } } }));
}

export type HostFitAnswer = operations['fitOnHosts']['responses'][200]['content']['application/json'];

/** GET /api/hosts/fit?arch&vcpus&memoryMiB&diskGiB&gpus: the hosts of the arch and whether one such VM fits on each. */
export async function hostsFit(need: FitNeed): Promise<HostFitAnswer> {
  const { arch, vcpus, memoryMiB, diskGiB, gpus } = need;
  return unwrap(await api.GET('/api/hosts/fit', { params: { query: { arch, vcpus, memoryMiB, diskGiB, gpus } } }));
}

export async function claimTask(id: string): Promise<Task> {
  return unwrap(await api.POST('/api/tasks/{id}/claim', { params: { path: { id } } }));
}

export async function releaseTask(id: string): Promise<Task> {
  return unwrap(await api.POST('/api/tasks/{id}/release', { params: { path: { id } } }));
}

export async function approveTask(id: string, comment: string | undefined): Promise<void> {
  unwrap(await api.POST('/api/tasks/{id}/approve', { params: { path: { id } }, body: commentBody(comment) }));
}

export async function rejectTask(id: string, comment: string): Promise<void> {
  unwrap(await api.POST('/api/tasks/{id}/reject', { params: { path: { id } }, body: commentBody(comment) }));
}

export async function delegateTask(id: string, user: string): Promise<Task> {
  return unwrap(await api.POST('/api/tasks/{id}/delegate', { params: { path: { id } }, body: { user: user.trim() } }));
}

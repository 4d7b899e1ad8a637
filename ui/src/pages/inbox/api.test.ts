import { beforeEach, describe, expect, it, vi } from 'vitest';

// the typed client keeps the fetch it was created with: a stand-in before any import, answering as `respond` says
const fake = vi.hoisted(() => {
  const state: { respond?: (request: Request) => Response; seen: Request[] } = { seen: [] };
  globalThis.fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = input instanceof Request ? input : new Request(new URL(String(input), 'http://localhost'), init);
    state.seen.push(request);
    return state.respond!(request);
  };
  return state;
});

import { ProblemError } from '../../api/problems';
import { bulkApprove, hostsFit, inboxVersion, listTasks } from './api';

const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json', ...headers } });

beforeEach(() => {
  fake.seen.length = 0;
});

describe('the inbox version poll', () => {
  it('sends the ETag it has and reads a 304 as unchanged', async () => {
    fake.respond = () => new Response(null, { status: 304 });
    expect(await inboxVersion('"7"')).toEqual({ changed: false, etag: '"7"' });
    expect(fake.seen[0].headers.get('If-None-Match')).toBe('"7"');
    expect(fake.seen[0].cache).toBe('no-store');
  });

  it('a new version changes the ETag (from the header, else from the version)', async () => {
    fake.respond = () => json(200, { version: 8 }, { ETag: '"8"' });
    expect(await inboxVersion('"7"')).toEqual({ changed: true, etag: '"8"', version: 8 });
    expect(fake.seen[0].headers.get('If-None-Match')).toBe('"7"');
    fake.respond = () => json(200, { version: 9 });
    expect(await inboxVersion(undefined)).toEqual({ changed: true, etag: '"9"', version: 9 });
    expect(fake.seen[1].headers.has('If-None-Match')).toBe(false);
  });

  it('an error is a ProblemError with its status (404: the caller polls the list instead)', async () => {
    fake.respond = () => json(404, { title: 'Not Found', status: 404 });
    await expect(inboxVersion(undefined)).rejects.toSatisfy(e => e instanceof ProblemError && e.status === 404);
  });
});

describe('the typed calls', () => {
  it('the list query as the filters make it, the bulk body, the fit query in order', async () => {
    fake.respond = request => new URL(request.url).pathname === '/api/hosts/fit' ? json(200, [])
      : request.method === 'POST' ? json(200, { approved: 0, refused: 0, results: [] }) : json(200, { items: [], total: 0 });
    await listTasks({ page: 1, size: 20, overdue: true, claimed: false });
    expect(new URL(fake.seen[0].url).search).toBe('?page=1&size=20&overdue=true&claimed=false');
    await bulkApprove(['t1', 't2'], '  ok  ');
    expect(await fake.seen[1].json()).toEqual({ taskIds: ['t1', 't2'], comment: 'ok' });
    await hostsFit({ arch: 'aarch64', vcpus: 2, memoryMiB: 2048, diskGiB: 20, gpus: 0, count: 3 });
    expect(new URL(fake.seen[2].url).search).toBe('?arch=aarch64&vcpus=2&memoryMiB=2048&diskGiB=20&gpus=0');
  });
});

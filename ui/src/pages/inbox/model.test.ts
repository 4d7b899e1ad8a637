import { describe, expect, it } from 'vitest';

import { rowOf, specName } from './model';

describe('task rows', () => {
  it('flat fields first, else from the request', () => {
    expect(rowOf({ id: 't1', requestId: 'r1', type: 'vm', request: { id: 'r0', type: 'gpu-vm', tenant: 'acme', project: 'web', requester: 'alice' } }))
      .toEqual({ id: 't1', requestId: 'r1', type: 'vm', tenant: 'acme', project: 'web', requester: 'alice' });
  });

  it('names what the request is about', () => {
    expect(specName({ name: 'build-1', cluster: 'x' })).toBe('build-1');
    expect(specName({ cluster: 'demo', suffix: 'ml' })).toBe('ml');
    expect(specName({ requestId: 'r-9', days: 30 })).toBe('r-9');
    expect(specName(undefined)).toBeUndefined();
  });
});

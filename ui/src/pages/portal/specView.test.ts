import { describe, expect, it } from 'vitest';

import { specLines } from './specView';

const t = (key: string, options?: Record<string, unknown>) => `${key}${options ? JSON.stringify(options) : ''}`;

describe('a spec as lines', () => {
  it('shows sizes in human units, in a fixed order', () => {
    const lines = specLines({ vcpus: 4, memoryMiB: 8192, name: 'web-1', diskGiB: 40, leaseDays: 30 }, [], t);
    expect(lines.map(l => l.field)).toEqual(['name', 'vcpus', 'memoryMiB', 'diskGiB', 'leaseDays']);
    expect(lines[2].text).toBe('common:units.memoryGiB{"value":8}');
    expect(lines[1].text).toBe('common:units.vcpus{"count":4}');
    expect(lines[4].text).toBe('common:units.days{"count":30}');
  });

  it('says what is hidden and counts keys; the target request is a link', () => {
    const lines = specLines({ requestId: 'R-1', sshKeys: ['ssh-ed25519 AAA'] }, ['spec.userData'], t);
    expect(lines).toEqual([
      { field: 'requestId', text: 'R-1', requestId: 'R-1' },
      { field: 'sshKeys', text: 'requests:spec.keyCount{"count":1}' },
      { field: 'userData', text: 'requests:spec.hidden', hidden: true },
    ]);
  });

  it('writes a namespace quota on one line', () => {
    const [quota] = specLines({ quota: { vcpus: 2, memoryMiB: 4096 } }, undefined, t);
    expect(quota.text).toBe('common:units.vcpus{"count":2} · common:units.memoryGiB{"value":4}');
    expect(specLines(null, [], t)).toEqual([]);
  });
});

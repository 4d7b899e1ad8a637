import { describe, expect, it } from 'vitest';

import { fitNeed, specEntries } from './spec';

describe('a spec in human units', () => {
  it('a VM: known fields in order, secrets only counted', () => {
    const entries = specEntries({
      name: 'build-1', image: 'debian-12', arch: 'x86_64', vcpus: 4, memoryMiB: 8192, diskGiB: 40, gpus: 0,
      leaseDays: 30, sshKeys: ['ssh-ed25519 AAAA a@b'], userData: '#cloud-config',
    });
    expect(entries.map(e => `${e.field}:${e.unit}:${e.value}`)).toEqual([
      'name:text:build-1', 'image:text:debian-12', 'arch:text:x86_64', 'vcpus:vcpus:4', 'memoryMiB:mibAsGib:8192',
      'diskGiB:gib:40', 'gpus:count:0', 'leaseDays:days:30', 'sshKeys:count:1',
    ]);
  });

  it("a namespace's quota share is nested", () => {
    const entries = specEntries({ cluster: 'demo', suffix: 'ml', quota: { vcpus: 8, memoryMiB: 16384 } });
    expect(entries.map(e => e.field)).toEqual(['cluster', 'suffix', 'quota.vcpus', 'quota.memoryMiB']);
  });

  it('unknown fields show as text; nothing for no spec', () => {
    expect(specEntries({ flavour: 'large' })).toEqual([{ field: 'flavour', unit: 'text', value: 'large' }]);
    expect(specEntries(null)).toEqual([]);
  });
});

describe('what a host must have free', () => {
  it('a VM', () => {
    expect(fitNeed({ arch: 'aarch64', vcpus: 2, memoryMiB: 2048, diskGiB: 20 })).toEqual({
      arch: 'aarch64', vcpus: 2, memoryMiB: 2048, diskGiB: 20, gpus: 0, count: 1,
    });
  });

  it('a node pool: per node, with the count', () => {
    expect(fitNeed({ arch: 'x86_64', cluster: 'c', count: 3, vcpus: 4, memoryMiB: 8192, diskGiB: 50, gpus: 1 }))
      .toMatchObject({ count: 3, gpus: 1 });
  });

  it('not for a namespace or a renewal', () => {
    expect(fitNeed({ cluster: 'demo', suffix: 'x' })).toBeNull();
    expect(fitNeed({ requestId: 'r-1', days: 30 })).toBeNull();
  });
});

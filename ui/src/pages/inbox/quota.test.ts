import { describe, expect, it } from 'vitest';

import { costAgainstThreshold, quotaRows } from './quota';

describe('quota before and after', () => {
  const quota = { vcpus: 32, memoryMiB: 65536, diskGiB: 1000, gpus: 2, vms: 10, k8sNodes: 0 };

  it('rows per resource from the API answer, memory in GiB', () => {
    const rows = quotaRows({
      quota,
      demand: { vcpus: 8, memoryMiB: 16384, diskGiB: 100, gpus: 1, vms: 1, k8sNodes: 0 },
      usedBefore: { vcpus: 16, memoryMiB: 32768, diskGiB: 500, gpus: 0, vms: 4, k8sNodes: 0 },
      usedAfter: { vcpus: 24, memoryMiB: 49152, diskGiB: 600, gpus: 1, vms: 5, k8sNodes: 0 },
      exceededAfter: [],
    });
    expect(rows.map(r => r.resource)).toEqual(['vcpus', 'memoryMiB', 'diskGiB', 'gpus', 'vms']);
    expect(rows[0]).toMatchObject({ limit: 32, before: 16, demand: 8, after: 24, percentBefore: 50, percentAfter: 75, exceeded: false });
    expect(rows[1]).toMatchObject({ limit: 64, before: 32, demand: 16, after: 48 });
  });

  it('derives before from after and the demand when the API leaves it out', () => {
    const rows = quotaRows({ quota, demand: { vcpus: 8 }, usedAfter: { vcpus: 24 } });
    expect(rows[0]).toMatchObject({ before: 16, after: 24 });
  });

  it('derives after from before and the demand', () => {
    const rows = quotaRows({ quota, demand: { gpus: 1 }, usedBefore: { gpus: 2 } });
    expect(rows.find(r => r.resource === 'gpus')).toMatchObject({ before: 2, after: 3, percentAfter: 100, exceeded: true });
  });

  it('marks what the server names as exceeded', () => {
    const rows = quotaRows({ quota, demand: {}, usedAfter: { diskGiB: 10 }, exceededAfter: ['diskGiB'] });
    expect(rows.find(r => r.resource === 'diskGiB')?.exceeded).toBe(true);
  });

  it('a zero limit with a demand is full and exceeded', () => {
    const rows = quotaRows({ quota: { ...quota, k8sNodes: 0 }, demand: { k8sNodes: 3 }, usedAfter: { k8sNodes: 3 } });
    expect(rows.find(r => r.resource === 'k8sNodes')).toMatchObject({ percentAfter: 100, exceeded: true, unlimitedOrNone: false });
  });

  it('nothing without a quota', () => {
    expect(quotaRows(undefined)).toEqual([]);
    expect(quotaRows({})).toEqual([]);
  });
});

describe('cost against the threshold', () => {
  it('percent and over', () => {
    expect(costAgainstThreshold(250, 1000)).toEqual({ percent: 25, over: false });
    expect(costAgainstThreshold(1500, 1000)).toEqual({ percent: 100, over: true });
    expect(costAgainstThreshold(100, null)).toBeNull();
  });
});

import { describe, expect, it } from 'vitest';

import { filterHosts, gpuUsage, groupByArch, hostUsage, level, summarise, usage, type HostLike } from './capacity';

const kvm1: HostLike & { uri: string } = {
  name: 'kvm1', uri: 'qemu+ssh://kvm1/system', arch: 'x86_64', state: 'up',
  capacity: { vcpus: 32, memoryMiB: 131072, diskGiB: 2000 },
  allocated: { vcpus: 40, memoryMiB: 65536, diskGiB: 500 },
  free: { vcpus: 88, memoryMiB: 65536, diskGiB: 1500 }, // cpu overcommit 4
  gpus: { total: 2, free: ['0000:3b:00.0'] },
  labels: { rack: 'r1', zone: 'a' },
};
const arm1: HostLike & { uri: string } = {
  name: 'arm1', uri: 'demo:', arch: 'aarch64', state: 'down', stateReason: 'not answering',
  capacity: { vcpus: 64, memoryMiB: 262144, diskGiB: 4000 },
  allocated: { vcpus: 8, memoryMiB: 16384, diskGiB: 100 },
  free: { vcpus: 56, memoryMiB: 245760, diskGiB: 3900 },
  gpus: { total: 0, free: [] },
};
const kvm0: HostLike & { uri: string } = { ...kvm1, name: 'kvm0', state: 'UP', gpus: { total: 0, free: [] }, labels: {} };

describe('capacity', () => {
  it('derives the overcommit from allocated + free over physical capacity', () => {
    const cpu = hostUsage(kvm1, 'vcpus');
    expect(cpu.limit).toBe(128);
    expect(cpu.overcommit).toBe(4);
    expect(cpu.percent).toBe(31.3);
    expect(cpu.percentOfPhysical).toBe(125);
    expect(cpu.over).toBe(false);
  });

  it('without overcommit the limit is the capacity', () => {
    const disk = hostUsage(kvm1, 'diskGiB');
    expect(disk.overcommit).toBe(1);
    expect(disk.percent).toBe(25);
  });

  it('flags more allocated than the limit and caps the bar at 100', () => {
    const u = usage(10, 12, -2);
    expect(u.over).toBe(true);
    expect(u.free).toBe(0);
    expect(u.percent).toBe(100);
    expect(u.overcommit).toBe(1);
  });

  it('survives an empty host', () => {
    expect(usage(0, 0, 0)).toMatchObject({ percent: 0, overcommit: 1, limit: 0 });
    expect(hostUsage({}, 'memoryMiB').percent).toBe(0);
  });

  it('counts GPUs used and lists the free PCI addresses sorted', () => {
    expect(gpuUsage({ gpus: { total: 3, free: ['0000:af:00.0', '0000:3b:00.0'] } }))
      .toEqual({ total: 3, used: 1, free: ['0000:3b:00.0', '0000:af:00.0'], percent: 33.3 });
    expect(gpuUsage({})).toEqual({ total: 0, used: 0, free: [], percent: 0 });
  });

  it('levels', () => {
    expect(level(10)).toBe('ok');
    expect(level(70)).toBe('warn');
    expect(level(95)).toBe('high');
  });
});

describe('hosts by architecture', () => {
  it('groups x86_64 first, then aarch64, each by name', () => {
    const groups = groupByArch([arm1, kvm1, kvm0, { name: 'odd', arch: 'riscv64' }]);
    expect(groups.map(g => g.arch)).toEqual(['x86_64', 'aarch64', 'riscv64']);
    expect(groups[0].hosts.map(h => h.name)).toEqual(['kvm0', 'kvm1']);
  });

  it('summarises per arch, free only on hosts that are up', () => {
    const x86 = summarise('x86_64', [kvm1, kvm0]);
    expect(x86).toMatchObject({ hosts: 2, up: 2, down: 0, gpus: { total: 2, used: 1, free: 1 } });
    expect(x86.vcpus).toMatchObject({ capacity: 64, allocated: 80, limit: 256, overcommit: 4 });
    const arm = summarise('aarch64', [arm1]);
    expect(arm).toMatchObject({ hosts: 1, up: 0, down: 1 });
    expect(arm.vcpus).toMatchObject({ capacity: 64, allocated: 8, free: 0 });
  });

  it('filters by arch, state, GPUs and text in name, labels and PCI addresses', () => {
    const all = [kvm1, arm1, kvm0];
    expect(filterHosts(all, { arch: 'aarch64' }).map(h => h.name)).toEqual(['arm1']);
    expect(filterHosts(all, { state: 'up' }).map(h => h.name)).toEqual(['kvm1', 'kvm0']);
    expect(filterHosts(all, { gpu: true }).map(h => h.name)).toEqual(['kvm1']);
    expect(filterHosts(all, { text: 'RACK=r1' }).map(h => h.name)).toEqual(['kvm1']);
    expect(filterHosts(all, { text: '3b:00' }).map(h => h.name)).toEqual(['kvm1']);
    expect(filterHosts(all, {}).length).toBe(3);
  });
});

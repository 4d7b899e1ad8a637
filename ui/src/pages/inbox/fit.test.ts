import { describe, expect, it } from 'vitest';

import { fleetFit } from './fit';

const need = { arch: 'x86_64', vcpus: 4, memoryMiB: 8192, diskGiB: 40, gpus: 1, count: 1 };

describe('fleet fit', () => {
  it('reads the API answer (FleetFit.HostFit list)', () => {
    const fit = fleetFit([
      { host: 'demo-x86-1', arch: 'x86_64', up: true, freeVcpus: 30, freeMemoryMiB: 60000, freeDiskGiB: 900, freeGpus: 0, fits: false, shortages: ['gpu'] },
      { host: 'demo-gpu-1', arch: 'x86_64', up: true, freeVcpus: 14, freeMemoryMiB: 30000, freeDiskGiB: 400, freeGpus: 2, fits: true, shortages: [] },
    ], need);
    expect(fit.hosts.map(h => `${h.name}:${h.fits}:${h.shortages.join('+')}`)).toEqual(['demo-gpu-1:true:', 'demo-x86-1:false:gpu']);
    expect(fit.hosts[0]).toMatchObject({ state: 'UP', free: { vcpus: 14, memoryMiB: 30000, diskGiB: 400 }, freeGpus: 2 });
    expect(fit).toMatchObject({ fits: true, placeable: 1, freeGpus: 2 });
  });

  it('a host reported down has no room', () => {
    const fit = fleetFit([{ host: 'h', arch: 'x86_64', up: false, freeVcpus: 64, freeMemoryMiB: 99999, freeDiskGiB: 999, freeGpus: 4, fits: false, shortages: ['host_down'] }], need);
    expect(fit).toMatchObject({ fits: false, placeable: 0 });
  });

  it('computes per host when the answer does not say, and keeps only the arch', () => {
    const fit = fleetFit({
      hosts: [
        { name: 'h2', arch: 'x86_64', state: 'UP', free: { vcpus: 2, memoryMiB: 65536, diskGiB: 500 }, gpus: { free: ['0000:01:00.0'], total: 1 } },
        { name: 'h1', arch: 'x86_64', state: 'UP', free: { vcpus: 16, memoryMiB: 65536, diskGiB: 500 }, gpus: { free: ['a', 'b'], total: 2 } },
        { name: 'arm', arch: 'aarch64', state: 'UP', free: { vcpus: 64, memoryMiB: 65536, diskGiB: 500 }, freeGpus: 4 },
      ],
    }, need);
    expect(fit.hosts.map(h => `${h.name}:${h.fits}`)).toEqual(['h1:true', 'h2:false']);
    expect(fit).toMatchObject({ fits: true, placeable: 1, freeGpus: 3 });
  });

  it("the server's verdicts win", () => {
    const fit = fleetFit({ fits: false, freeGpus: 0, hosts: [{ name: 'h1', fits: true, free: {} }] }, need);
    expect(fit.fits).toBe(false);
    expect(fit.hosts[0].fits).toBe(true);
    expect(fit.freeGpus).toBe(0);
  });

  it('a host that is down has no room', () => {
    const fit = fleetFit([{ name: 'h1', state: 'DOWN', free: { vcpus: 99, memoryMiB: 99999, diskGiB: 9999 }, freeGpus: 8 }], need);
    expect(fit.fits).toBe(false);
  });

  it('a node pool counts how many nodes can be placed', () => {
    const pool = { ...need, gpus: 0, count: 5 };
    const fit = fleetFit([
      { name: 'a', arch: 'x86_64', free: { vcpus: 8, memoryMiB: 16384, diskGiB: 200 } },
      { name: 'b', arch: 'x86_64', free: { vcpus: 4, memoryMiB: 8192, diskGiB: 100 } },
    ], pool);
    expect(fit).toMatchObject({ placeable: 3, fits: false });
  });

  it('nothing to check without a need', () => {
    expect(fleetFit({ hosts: [] }, null)).toEqual({ fits: false, hosts: [], placeable: 0, freeGpus: 0 });
  });
});

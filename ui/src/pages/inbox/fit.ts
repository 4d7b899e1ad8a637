import type { FitNeed } from './spec';

/**
 * Whether the request fits the fleet now, from GET /api/hosts/fit (ui-api-approvals: FleetFitController, a list of
 * FleetFit.HostFit — host, arch, up, freeVcpus, freeMemoryMiB, freeDiskGiB, freeGpus, fits, shortages). Read
 * leniently (an older draft nested `free` and `gpus`): a host's own `fits` wins, else it is computed from its free room.
 */
export interface HostFit {
  name: string;
  arch?: string;
  state?: string;
  fits: boolean;
  free: { vcpus?: number; memoryMiB?: number; diskGiB?: number };
  freeGpus: number;
  /** what the host lacks (lower-case PlacementResult.Shortage: cpu, memory, disk, gpu, host_down) */
  shortages: string[];
}

export interface FleetFit {
  fits: boolean;
  hosts: HostFit[];
  /** how many nodes of a pool could be placed (each on the host with the most room, greedily), when count > 1 */
  placeable: number;
  freeGpus: number;
}

type Loose = Record<string, unknown>;

function num(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

function hostOf(raw: Loose, need: FitNeed | null): HostFit {
  const free = (typeof raw.free === 'object' && raw.free !== null ? raw.free : {}) as Loose;
  const gpus = (typeof raw.gpus === 'object' && raw.gpus !== null ? raw.gpus : {}) as Loose;
  const freeGpus = num(raw.freeGpus) ?? (Array.isArray(gpus.free) ? gpus.free.length : num(gpus.free)) ?? 0;
  const state = typeof raw.state === 'string' ? raw.state : typeof raw.up === 'boolean' ? (raw.up ? 'UP' : 'DOWN') : undefined;
  const host: HostFit = {
    name: String(raw.host ?? raw.name ?? '?'),
    arch: typeof raw.arch === 'string' ? raw.arch : undefined,
    state,
    free: {
      vcpus: num(raw.freeVcpus) ?? num(free.vcpus),
      memoryMiB: num(raw.freeMemoryMiB) ?? num(free.memoryMiB),
      diskGiB: num(raw.freeDiskGiB) ?? num(free.diskGiB),
    },
    freeGpus,
    fits: false,
    shortages: Array.isArray(raw.shortages) ? raw.shortages.map(String) : [],
  };
  host.fits = typeof raw.fits === 'boolean' ? raw.fits : hasRoom(host, need, 1);
  return host;
}

function hasRoom(host: HostFit, need: FitNeed | null, times: number): boolean {
  if (!need || (host.state && host.state !== 'UP')) {
    return false;
  }
  if (host.arch && host.arch !== need.arch) {
    return false;
  }
  return (host.free.vcpus ?? 0) >= need.vcpus * times && (host.free.memoryMiB ?? 0) >= need.memoryMiB * times
    && (host.free.diskGiB ?? 0) >= need.diskGiB * times && host.freeGpus >= need.gpus * times;
}

/** How many nodes fit on one host's free resources. */
function capacityOf(host: HostFit, need: FitNeed): number {
  if (!host.fits) {
    return 0;
  }
  const per = (free: number | undefined, each: number) => (each > 0 ? Math.floor((free ?? 0) / each) : Number.POSITIVE_INFINITY);
  const n = Math.min(per(host.free.vcpus, need.vcpus), per(host.free.memoryMiB, need.memoryMiB),
    per(host.free.diskGiB, need.diskGiB), per(host.freeGpus, need.gpus));
  return Number.isFinite(n) ? Math.max(1, n) : 1;
}

export function fleetFit(answer: unknown, need: FitNeed | null): FleetFit {
  const root = (typeof answer === 'object' && answer !== null ? answer : {}) as Loose;
  const list = Array.isArray(answer) ? answer : Array.isArray(root.hosts) ? root.hosts : [];
  const hosts = (list as unknown[]).filter((h): h is Loose => typeof h === 'object' && h !== null)
    .map(raw => hostOf(raw, need))
    .filter(host => !need || !host.arch || host.arch === need.arch)
    .sort((a, b) => Number(b.fits) - Number(a.fits) || a.name.localeCompare(b.name));
  const count = need?.count ?? 1;
  const placeable = need ? Math.min(count, hosts.reduce((sum, host) => sum + capacityOf(host, need), 0)) : 0;
  const fits = typeof root.fits === 'boolean' ? root.fits : placeable >= count && hosts.some(h => h.fits);
  return { fits, hosts, placeable, freeGpus: num(root.freeGpus) ?? hosts.reduce((sum, h) => sum + h.freeGpus, 0) };
}

import type { components } from '../../api/schema';
import type { FitNeed } from './spec';

/** One host as GET /api/hosts/fit answers it (FleetFitController: free room, `fits`, what it lacks). */
type ApiHostFit = components['schemas']['HostFit'];

/**
 * A host's room as the decision screen shows it. The host's own `fits` (the server's placement check) wins; when an
 * answer leaves it out it is computed from the free room.
 */
export interface HostRoom {
  name: string;
  arch?: string;
  state?: 'UP' | 'DOWN';
  fits: boolean;
  free: { vcpus?: number; memoryMiB?: number; diskGiB?: number };
  freeGpus: number;
  /** what the host lacks (lower-case PlacementResult.Shortage: cpu, memory, disk, gpu, host_down) */
  shortages: string[];
}

export interface FleetFit {
  fits: boolean;
  hosts: HostRoom[];
  /** how many nodes of a pool could be placed (each on the host with the most room, greedily), when count > 1 */
  placeable: number;
  freeGpus: number;
}

function hostOf(raw: ApiHostFit, need: FitNeed | null): HostRoom {
  const host: HostRoom = {
    name: raw.host ?? '?',
    arch: raw.arch,
    state: raw.up === undefined ? undefined : raw.up ? 'UP' : 'DOWN',
    free: { vcpus: raw.freeVcpus, memoryMiB: raw.freeMemoryMiB, diskGiB: raw.freeDiskGiB },
    freeGpus: raw.freeGpus ?? 0,
    fits: false,
    shortages: raw.shortages ?? [],
  };
  host.fits = raw.fits ?? hasRoom(host, need, 1);
  return host;
}

function hasRoom(host: HostRoom, need: FitNeed | null, times: number): boolean {
  if (!need || host.state === 'DOWN') {
    return false;
  }
  if (host.arch && host.arch !== need.arch) {
    return false;
  }
  return (host.free.vcpus ?? 0) >= need.vcpus * times && (host.free.memoryMiB ?? 0) >= need.memoryMiB * times
    && (host.free.diskGiB ?? 0) >= need.diskGiB * times && host.freeGpus >= need.gpus * times;
}

/** How many nodes fit on one host's free resources. */
function capacityOf(host: HostRoom, need: FitNeed): number {
  if (!host.fits) {
    return 0;
  }
  const per = (free: number | undefined, each: number) => (each > 0 ? Math.floor((free ?? 0) / each) : Number.POSITIVE_INFINITY);
  const n = Math.min(per(host.free.vcpus, need.vcpus), per(host.free.memoryMiB, need.memoryMiB),
    per(host.free.diskGiB, need.diskGiB), per(host.freeGpus, need.gpus));
  return Number.isFinite(n) ? Math.max(1, n) : 1;
}

/** Whether the request fits the fleet now: the hosts of its arch (fitting ones first), and for a pool how many nodes. */
export function fleetFit(answer: readonly ApiHostFit[], need: FitNeed | null): FleetFit {
  const hosts = answer.map(raw => hostOf(raw, need))
    .filter(host => !need || !host.arch || host.arch === need.arch)
    .sort((a, b) => Number(b.fits) - Number(a.fits) || a.name.localeCompare(b.name));
  const count = need?.count ?? 1;
  const placeable = need ? Math.min(count, hosts.reduce((sum, host) => sum + capacityOf(host, need), 0)) : 0;
  const fits = placeable >= count && hosts.some(h => h.fits);
  return { fits, hosts, placeable, freeGpus: hosts.reduce((sum, h) => sum + h.freeGpus, 0) };
}

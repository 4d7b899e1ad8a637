/**
 * Host capacity as the operator pages show it, from GET /api/hosts: `capacity` is physical, `allocated` the sum of the
 * host's reservations, `free` what may still be allocated after the host's overcommit (the API's HostUsage), so
 * allocated + free is the limit placement works against and limit / capacity the overcommit ratio.
 */
export type Arch = 'x86_64' | 'aarch64';

export interface Resources {
  vcpus?: number;
  memoryMiB?: number;
  diskGiB?: number;
}

export interface HostLike {
  name?: string;
  arch?: Arch | string;
  state?: string;
  stateReason?: string;
  capacity?: Resources;
  allocated?: Resources;
  free?: Resources;
  gpus?: { total?: number; free?: string[] };
  labels?: Record<string, string>;
}

export interface Usage {
  /** physical capacity */
  capacity: number;
  allocated: number;
  /** what may still be allocated (after overcommit); never below 0 */
  free: number;
  /** allocated + free: the most placement gives out */
  limit: number;
  /** limit / capacity, 1 without overcommit (rounded to 2 decimals) */
  overcommit: number;
  /** allocated as a percentage of the limit, 0..100 */
  percent: number;
  /** allocated as a percentage of physical capacity: above 100 when overcommit is in use */
  percentOfPhysical: number;
  /** more allocated than the limit (e.g. the overcommit was lowered after placements) */
  over: boolean;
}

function pct(part: number, whole: number): number {
  if (whole <= 0) {
    return part > 0 ? 100 : 0;
  }
  return Math.round((part / whole) * 1000) / 10;
}

export function usage(capacity = 0, allocated = 0, free = 0): Usage {
  const limit = Math.max(0, allocated + free);
  const overcommit = capacity > 0 ? Math.round((limit / capacity) * 100) / 100 : 1;
  return {
    capacity,
    allocated,
    free: Math.max(0, free),
    limit,
    overcommit: Math.max(1, overcommit),
    percent: Math.min(100, pct(allocated, limit)),
    percentOfPhysical: pct(allocated, capacity),
    over: free < 0,
  };
}

export type Resource = 'vcpus' | 'memoryMiB' | 'diskGiB';

export function hostUsage(host: HostLike, resource: Resource): Usage {
  return usage(host.capacity?.[resource] ?? 0, host.allocated?.[resource] ?? 0, host.free?.[resource] ?? 0);
}

export interface GpuUsage {
  total: number;
  used: number;
  free: string[];
  percent: number;
}

export function gpuUsage(host: HostLike): GpuUsage {
  const total = host.gpus?.total ?? 0;
  const free = [...(host.gpus?.free ?? [])].sort();
  const used = Math.max(0, total - free.length);
  return { total, used, free, percent: Math.min(100, pct(used, total)) };
}

/** Green below 70 %, orange to 90 %, red above (Ant Design Progress status/colours). */
export function level(percent: number): 'ok' | 'warn' | 'high' {
  return percent >= 90 ? 'high' : percent >= 70 ? 'warn' : 'ok';
}

export function isUp(host: HostLike): boolean {
  return (host.state ?? '').toLowerCase() === 'up';
}

export interface ArchSummary {
  arch: string;
  hosts: number;
  up: number;
  down: number;
  vcpus: Usage;
  memoryMiB: Usage;
  diskGiB: Usage;
  gpus: { total: number; used: number; free: number };
}

function sum(hosts: HostLike[], resource: Resource): Usage {
  let capacity = 0;
  let allocated = 0;
  let free = 0;
  hosts.forEach(host => {
    const u = hostUsage(host, resource);
    capacity += u.capacity;
    allocated += u.allocated;
    free += u.free;
  });
  return usage(capacity, allocated, free);
}

/**
 * Per architecture: how many hosts, how many up, and the sums. Free capacity counts only hosts that are up (a down
 * host takes nothing), capacity and allocation count every host.
 */
export function summarise(arch: string, hosts: HostLike[]): ArchSummary {
  const up = hosts.filter(isUp);
  const totals = (resource: Resource) => {
    const all = sum(hosts, resource);
    const freeUp = sum(up, resource).free;
    return usage(all.capacity, all.allocated, freeUp);
  };
  const gpus = hosts.map(gpuUsage);
  const upGpus = up.map(gpuUsage);
  return {
    arch,
    hosts: hosts.length,
    up: up.length,
    down: hosts.length - up.length,
    vcpus: totals('vcpus'),
    memoryMiB: totals('memoryMiB'),
    diskGiB: totals('diskGiB'),
    gpus: {
      total: gpus.reduce((n, g) => n + g.total, 0),
      used: gpus.reduce((n, g) => n + g.used, 0),
      free: upGpus.reduce((n, g) => n + g.free.length, 0),
    },
  };
}

const ARCH_ORDER = ['x86_64', 'aarch64'];

/** Hosts by architecture (x86_64 first, then aarch64, then any other by name), each group by name. */
export function groupByArch<H extends HostLike>(hosts: H[]): { arch: string; hosts: H[] }[] {
  const groups = new Map<string, H[]>();
  hosts.forEach(host => {
    const arch = host.arch ?? '';
    groups.set(arch, [...(groups.get(arch) ?? []), host]);
  });
  const rank = (arch: string) => (ARCH_ORDER.includes(arch) ? ARCH_ORDER.indexOf(arch) : ARCH_ORDER.length);
  return [...groups.entries()]
    .sort(([a], [b]) => rank(a) - rank(b) || a.localeCompare(b))
    .map(([arch, list]) => ({ arch, hosts: [...list].sort((x, y) => (x.name ?? '').localeCompare(y.name ?? '')) }));
}

export interface HostFilter {
  arch?: string;
  /** 'up' | 'down' */
  state?: string;
  /** matched against name, URI, labels (key=value) and GPU addresses, case-insensitively */
  text?: string;
  gpu?: boolean;
}

export function filterHosts<H extends HostLike & { uri?: string }>(hosts: H[], filter: HostFilter): H[] {
  const text = filter.text?.trim().toLowerCase();
  return hosts.filter(host => {
    if (filter.arch && host.arch !== filter.arch) {
      return false;
    }
    if (filter.state && (host.state ?? '').toLowerCase() !== filter.state) {
      return false;
    }
    if (filter.gpu && !(host.gpus?.total)) {
      return false;
    }
    if (text) {
      const haystack = [host.name, host.uri, ...Object.entries(host.labels ?? {}).map(([k, v]) => `${k}=${v}`),
        ...(host.gpus?.free ?? [])].filter(Boolean).join(' ').toLowerCase();
      return haystack.includes(text);
    }
    return true;
  });
}

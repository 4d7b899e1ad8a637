/**
 * A request's spec in human units for the decision screen: each known field with how to show it. Labels are the
 * catalogue's `spec.<field>`; the unit decides the value's format (memory MiB → GiB, days, counts, plain text).
 */
export type SpecUnit = 'vcpus' | 'gib' | 'mibAsGib' | 'days' | 'count' | 'text' | 'request';

export interface SpecEntry {
  field: string;
  unit: SpecUnit;
  value: string | number;
}

const FIELDS: [string, SpecUnit][] = [
  ['name', 'text'], ['image', 'text'], ['arch', 'text'], ['cluster', 'text'], ['suffix', 'text'], ['namespace', 'text'],
  ['count', 'count'], ['vcpus', 'vcpus'], ['memoryMiB', 'mibAsGib'], ['diskGiB', 'gib'], ['gpus', 'count'],
  ['vms', 'count'], ['k8sNodes', 'count'], ['leaseDays', 'days'], ['days', 'days'], ['node', 'count'],
  ['requestId', 'request'],
];

const KNOWN = new Set(FIELDS.map(([field]) => field).concat(['quota', 'sshKeys', 'userData']));

function scalar(value: unknown): value is string | number {
  return (typeof value === 'string' && value !== '') || (typeof value === 'number' && Number.isFinite(value));
}

export function specEntries(spec: unknown): SpecEntry[] {
  if (typeof spec !== 'object' || spec === null) {
    return [];
  }
  const record = spec as Record<string, unknown>;
  const entries: SpecEntry[] = [];
  for (const [field, unit] of FIELDS) {
    const value = record[field];
    if (scalar(value)) {
      entries.push({ field, unit, value });
    }
  }
  // a namespace's share of the project's quota
  const share = record.quota;
  if (typeof share === 'object' && share !== null) {
    for (const [field, unit] of FIELDS) {
      const value = (share as Record<string, unknown>)[field];
      if (scalar(value)) {
        entries.push({ field: `quota.${field}`, unit, value });
      }
    }
  }
  if (Array.isArray(record.sshKeys) && record.sshKeys.length > 0) {
    entries.push({ field: 'sshKeys', unit: 'count', value: record.sshKeys.length });
  }
  // fields this screen does not know yet still show, as text
  for (const [field, value] of Object.entries(record)) {
    if (!KNOWN.has(field) && scalar(value)) {
      entries.push({ field, unit: 'text', value });
    }
  }
  return entries;
}

/** What a host must have free for the request (VMs, GPU VMs and node pools: one node at a time), else null. */
export interface FitNeed {
  arch: string;
  vcpus: number;
  memoryMiB: number;
  diskGiB: number;
  gpus: number;
  count: number;
}

export function fitNeed(spec: unknown): FitNeed | null {
  if (typeof spec !== 'object' || spec === null) {
    return null;
  }
  const s = spec as Record<string, unknown>;
  if (typeof s.arch !== 'string' || typeof s.vcpus !== 'number' || typeof s.memoryMiB !== 'number') {
    return null;
  }
  return {
    arch: s.arch,
    vcpus: s.vcpus,
    memoryMiB: s.memoryMiB,
    diskGiB: typeof s.diskGiB === 'number' ? s.diskGiB : 0,
    gpus: typeof s.gpus === 'number' ? s.gpus : 0,
    count: typeof s.count === 'number' ? s.count : 1,
  };
}

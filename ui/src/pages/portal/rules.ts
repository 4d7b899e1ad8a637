/**
 * The request forms' rules, mirroring the API's validation exactly (app/src/main/java/io/stackgate/requests/*Spec.java,
 * SubmitRequest, intake/SpecReader): the same required fields, limits and patterns, so the form refuses what the API
 * would refuse before it is sent. Pure: no React, no Ant Design (the form turns these into its rules with `antdRule`).
 */

/** The request types of the catalogue; `gpu-vm` is a `vm` request with GPUs. */
export const REQUEST_TYPES = ['vm', 'gpu-vm', 'k8s-nodes', 'namespace', 'quota-change', 'vm-resize', 'lease-renewal',
  'decommission'] as const;
export type CatalogueType = (typeof REQUEST_TYPES)[number];

/** Types that act on what an earlier, completed request created (their spec names its `requestId`). */
export const DAY2_TYPES: readonly CatalogueType[] = ['vm-resize', 'lease-renewal', 'decommission'];

export function isCatalogueType(value: string | undefined): value is CatalogueType {
  return !!value && (REQUEST_TYPES as readonly string[]).includes(value);
}

/** The API's `type` of a catalogue entry. */
export function apiType(type: CatalogueType): string {
  return type === 'gpu-vm' ? 'vm' : type;
}

export const ARCHES = ['x86_64', 'aarch64'] as const;
export type Arch = (typeof ARCHES)[number];

/** VmSpec.name: a DNS label starting with a letter (it becomes the hostname). */
export const VM_NAME = /^[a-z]([a-z0-9-]{0,61}[a-z0-9])?$/;
/** NodePoolSpec.cluster, NamespaceSpec.cluster: a DNS label. */
export const DNS_LABEL = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;
/** NamespaceSpec.suffix: a DNS label of at most 22 characters. */
export const NAMESPACE_SUFFIX = /^[a-z0-9]([a-z0-9-]{0,20}[a-z0-9])?$/;
/** VmSpec.arch, NodePoolSpec.arch. */
export const ARCH = /^(x86_64|aarch64)$/;
/** VmSpec.sshKeys[]: an OpenSSH public key line. */
export const SSH_KEY = /^(ssh-(rsa|ed25519)|ecdsa-sha2-nistp(256|384|521)) [A-Za-z0-9+/=]+( .*)?$/;

/** The pattern's message key in the portal catalogue (`rules.pattern.<key>`). */
export type PatternKey = 'vmName' | 'dnsLabel' | 'suffix' | 'arch' | 'sshKey';

/**
 * One field's constraint as the Java annotations state it: `required` = @NotNull/@NotBlank, `min`/`max` = @Min/@Max,
 * `minLength`/`maxLength` = @Size on a string, `pattern` = @Pattern (null passes, as in Java), `integer`: the field is an
 * Integer/Long. `unit: 'mib'` only changes how messages show the limit (in GiB).
 */
export interface Constraint {
  required?: boolean;
  min?: number;
  max?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: RegExp;
  patternKey?: PatternKey;
  integer?: boolean;
  unit?: 'mib';
}

export type ViolationCode = 'required' | 'min' | 'max' | 'minLength' | 'maxLength' | 'pattern' | 'integer';

export interface Violation {
  code: ViolationCode;
  limit?: number;
  patternKey?: PatternKey;
}

function empty(value: unknown): boolean {
  return value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
}

/** What is wrong with the value by the constraint, as the API would judge it; null when it passes. */
export function violation(constraint: Constraint, value: unknown): Violation | null {
  if (empty(value)) {
    // @NotBlank refuses blank strings; every other annotation lets null (and a blank string has no number) pass
    return constraint.required ? { code: 'required' } : null;
  }
  if (typeof value === 'number') {
    if (Number.isNaN(value)) {
      return { code: 'integer' };
    }
    if (constraint.integer && !Number.isInteger(value)) {
      return { code: 'integer' };
    }
    if (constraint.min !== undefined && value < constraint.min) {
      return { code: 'min', limit: constraint.min };
    }
    if (constraint.max !== undefined && value > constraint.max) {
      return { code: 'max', limit: constraint.max };
    }
    return null;
  }
  const text = String(value);
  if (constraint.minLength !== undefined && text.length < constraint.minLength) {
    return { code: 'minLength', limit: constraint.minLength };
  }
  if (constraint.maxLength !== undefined && text.length > constraint.maxLength) {
    return { code: 'maxLength', limit: constraint.maxLength };
  }
  if (constraint.pattern && !constraint.pattern.test(text)) {
    return { code: 'pattern', patternKey: constraint.patternKey };
  }
  return null;
}

const count = (min: number, max: number, required = true): Constraint => ({ required, min, max, integer: true });
const mib = (min: number, max: number, required = true): Constraint => ({ required, min, max, integer: true, unit: 'mib' });

/** SubmitRequest: tenant, project, justification (@NotBlank @Size(max = 2000)). */
export const SUBMIT = {
  tenant: { required: true } as Constraint,
  project: { required: true } as Constraint,
  justification: { required: true, maxLength: 2000 } as Constraint,
};

/** VmSpec. */
export const VM = {
  name: { required: true, pattern: VM_NAME, patternKey: 'vmName' } as Constraint,
  arch: { required: true, pattern: ARCH, patternKey: 'arch' } as Constraint,
  vcpus: count(1, 128),
  memoryMiB: mib(256, 1048576),
  diskGiB: count(1, 65536),
  image: { required: true, maxLength: 128 } as Constraint,
  gpus: count(0, 8, false),
  /** @Size(max = 20) on the list. */
  sshKeysMax: 20,
  sshKey: { pattern: SSH_KEY, patternKey: 'sshKey' } as Constraint,
  userData: { maxLength: 16384 } as Constraint,
  leaseDays: count(1, 3650, false),
};

/** NodePoolSpec. */
export const NODE_POOL = {
  cluster: { required: true, pattern: DNS_LABEL, patternKey: 'dnsLabel' } as Constraint,
  count: count(1, 50),
  arch: VM.arch,
  vcpus: count(1, 128),
  memoryMiB: mib(1024, 1048576),
  diskGiB: count(10, 65536),
  gpus: count(0, 8, false),
};

/** NamespaceSpec and its Share (every amount optional: the platform's default fills in). */
export const NAMESPACE = {
  suffix: { pattern: NAMESPACE_SUFFIX, patternKey: 'suffix' } as Constraint,
  cluster: { pattern: DNS_LABEL, patternKey: 'dnsLabel' } as Constraint,
  quota: {
    vcpus: count(1, 4096, false),
    memoryMiB: mib(512, 16777216, false),
    diskGiB: count(0, 1048576, false),
    gpus: count(0, 512, false),
  },
  /** NamespacePlanner: `<tenant>-<project>[-<suffix>]` must be a DNS-1123 label of at most 63 characters. */
  nameMax: 63,
};

/** QuotaChangeSpec: amounts ≥ 0 (left out: zero), at least one above zero; `namespace` 1–64 characters. */
export const QUOTA_CHANGE = {
  vcpus: count(0, Number.MAX_SAFE_INTEGER, false),
  memoryMiB: mib(0, Number.MAX_SAFE_INTEGER, false),
  diskGiB: count(0, Number.MAX_SAFE_INTEGER, false),
  gpus: count(0, Number.MAX_SAFE_INTEGER, false),
  vms: count(0, Number.MAX_SAFE_INTEGER, false),
  k8sNodes: count(0, Number.MAX_SAFE_INTEGER, false),
  namespace: { minLength: 1, maxLength: 64 } as Constraint,
  amounts: ['vcpus', 'memoryMiB', 'diskGiB', 'gpus', 'vms', 'k8sNodes'] as const,
};

/** VmResizeSpec. */
export const VM_RESIZE = {
  requestId: { required: true } as Constraint,
  vcpus: count(1, 128),
  memoryMiB: mib(256, 1048576),
};

/** LeaseRenewalSpec. */
export const LEASE_RENEWAL = {
  requestId: { required: true } as Constraint,
  days: count(1, 3650),
};

/** DecommissionSpec: `node` only for a k8s-nodes request (one worker of the pool, by its index). */
export const DECOMMISSION = {
  requestId: { required: true } as Constraint,
  node: count(0, 49, false),
};

/** QuotaChangeSpec.isIncrease (@AssertTrue): at least one amount above zero. */
export function isIncrease(spec: Partial<Record<(typeof QUOTA_CHANGE.amounts)[number], number | null>>): boolean {
  return QUOTA_CHANGE.amounts.reduce((sum, key) => sum + (spec[key] ?? 0), 0) > 0;
}

/** The namespace a namespace request makes, as NamespacePlanner names it. */
export function namespaceName(tenant: string, project: string, suffix: string | undefined | null): string {
  return `${tenant}-${project}${suffix ? `-${suffix}` : ''}`;
}

/** Whether the namespace name fits NamespacePlanner's check (DNS-1123 label of at most 63 characters). */
export function namespaceNameFits(tenant: string, project: string, suffix: string | undefined | null): boolean {
  const name = namespaceName(tenant, project, suffix);
  return name.length <= NAMESPACE.nameMax && DNS_LABEL.test(name);
}

/** A GPU VM has at least one GPU (and at most VmSpec's 8). */
export const GPU_VM_GPUS: Constraint = { required: true, min: 1, max: 8, integer: true };

/** A size preset: per machine. The API's catalogue answers these; this is the same list should it not answer. */
export interface SizePreset {
  id: string;
  vcpus: number;
  memoryMiB: number;
  diskGiB: number;
}

export const DEFAULT_SIZES: SizePreset[] = [
  { id: 'small', vcpus: 1, memoryMiB: 2048, diskGiB: 20 },
  { id: 'medium', vcpus: 2, memoryMiB: 4096, diskGiB: 40 },
  { id: 'large', vcpus: 4, memoryMiB: 8192, diskGiB: 80 },
  { id: 'xlarge', vcpus: 8, memoryMiB: 16384, diskGiB: 160 },
  { id: '2xlarge', vcpus: 16, memoryMiB: 32768, diskGiB: 320 },
];

/** The preset the size equals, if any (disk left out for a resize, which has none). */
export function matchingPreset(presets: SizePreset[], size: { vcpus?: number | null; memoryMiB?: number | null;
  diskGiB?: number | null }, withDisk = true): string | undefined {
  return presets.find(p => p.vcpus === size.vcpus && p.memoryMiB === size.memoryMiB
    && (!withDisk || p.diskGiB === size.diskGiB))?.id;
}

/** Form values (memory kept in MiB, as the API takes it) → the spec sent: blanks left out, lists without blank rows. */
export function buildSpec(type: CatalogueType, values: Record<string, unknown> | undefined): Record<string, unknown> {
  const spec: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(values ?? {})) {
    if (empty(value)) {
      continue;
    }
    if (Array.isArray(value)) {
      const kept = value.filter(item => !empty(item)).map(item => (typeof item === 'string' ? item.trim() : item));
      if (kept.length > 0) {
        spec[key] = kept;
      }
    } else if (typeof value === 'object') {
      const inner = buildSpec(type, value as Record<string, unknown>);
      if (Object.keys(inner).length > 0) {
        spec[key] = inner;
      }
    } else {
      spec[key] = typeof value === 'string' && key !== 'userData' ? value.trim() : value;
    }
  }
  if (type === 'vm') {
    delete spec.gpus; // a plain VM has none: the GPU VM is its own entry
  }
  return spec;
}

/** The quota amounts (tenancy.Quota). */
export interface Quota {
  vcpus?: number;
  memoryMiB?: number;
  diskGiB?: number;
  gpus?: number;
  vms?: number;
  k8sNodes?: number;
}

export const QUOTA_KEYS = ['vcpus', 'memoryMiB', 'diskGiB', 'gpus', 'vms', 'k8sNodes'] as const;

const num = (value: unknown): number => (typeof value === 'number' && Number.isFinite(value) ? value : 0);

/**
 * What the request holds of the project's quota, as the spec's `demand()` says (a resize's growth is computed by the
 * API from the VMs' current size: zero here; a namespace's missing share amounts are the platform's default: zero here).
 */
export function demandOf(type: CatalogueType, spec: Record<string, unknown>): Quota {
  switch (apiType(type)) {
    case 'vm':
      return { vcpus: num(spec.vcpus), memoryMiB: num(spec.memoryMiB), diskGiB: num(spec.diskGiB), gpus: num(spec.gpus),
        vms: 1, k8sNodes: 0 };
    case 'k8s-nodes': {
      const n = num(spec.count);
      return { vcpus: num(spec.vcpus) * n, memoryMiB: num(spec.memoryMiB) * n, diskGiB: num(spec.diskGiB) * n,
        gpus: num(spec.gpus) * n, vms: n, k8sNodes: n };
    }
    case 'namespace': {
      const share = (spec.quota ?? {}) as Record<string, unknown>;
      return { vcpus: num(share.vcpus), memoryMiB: num(share.memoryMiB), diskGiB: num(share.diskGiB),
        gpus: num(share.gpus), vms: 0, k8sNodes: 0 };
    }
    case 'quota-change':
      return spec.namespace ? { vcpus: num(spec.vcpus), memoryMiB: num(spec.memoryMiB), diskGiB: num(spec.diskGiB),
        gpus: num(spec.gpus), vms: 0, k8sNodes: 0 } : {};
    default:
      return {};
  }
}

/** limits − used (− demand): what is left of the quota, per amount. */
export function remaining(limits: Quota | undefined, used: Quota | undefined, demand: Quota = {}): Quota {
  const left: Quota = {};
  for (const key of QUOTA_KEYS) {
    left[key] = num(limits?.[key]) - num(used?.[key]) - num(demand[key]);
  }
  return left;
}

/** Only owners and members submit into a project (ProjectRole.maySubmit); viewers and people without a role do not. */
export function maySubmitIn(role: string | null | undefined): boolean {
  return role === 'owner' || role === 'member';
}

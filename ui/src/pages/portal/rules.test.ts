import { describe, expect, it } from 'vitest';

import {
  apiType, buildSpec, DECOMMISSION, DEFAULT_SIZES, demandOf, GPU_VM_GPUS, isIncrease, LEASE_RENEWAL, matchingPreset,
  maySubmitIn, NAMESPACE, namespaceName, namespaceNameFits, NODE_POOL, QUOTA_CHANGE, remaining, SUBMIT, violation,
  VM, VM_RESIZE, type Constraint,
} from './rules';

const code = (constraint: Constraint, value: unknown) => violation(constraint, value)?.code ?? null;

/** @Min(min) @Max(max) on an Integer/Long: the limits pass, one beyond fails, fractions fail. */
function bounds(constraint: Constraint, min: number, max: number) {
  expect(code(constraint, min)).toBeNull();
  expect(code(constraint, max)).toBeNull();
  expect(violation(constraint, min - 1)).toEqual({ code: 'min', limit: min });
  expect(violation(constraint, max + 1)).toEqual({ code: 'max', limit: max });
  expect(code(constraint, min + 0.5)).toBe('integer');
}

describe('SubmitRequest', () => {
  it('tenant and project are @NotBlank', () => {
    expect(code(SUBMIT.tenant, '')).toBe('required');
    expect(code(SUBMIT.project, '  ')).toBe('required');
    expect(code(SUBMIT.project, 'web')).toBeNull();
  });

  it('justification is @NotBlank @Size(max = 2000)', () => {
    expect(code(SUBMIT.justification, undefined)).toBe('required');
    expect(code(SUBMIT.justification, '   ')).toBe('required');
    expect(code(SUBMIT.justification, 'x'.repeat(2000))).toBeNull();
    expect(violation(SUBMIT.justification, 'x'.repeat(2001))).toEqual({ code: 'maxLength', limit: 2000 });
  });
});

describe('VmSpec', () => {
  it('name: @NotBlank, a DNS label starting with a letter, at most 63 characters', () => {
    expect(code(VM.name, '')).toBe('required');
    for (const ok of ['a', 'web-1', 'a'.repeat(63), 'db01']) {
      expect(code(VM.name, ok), ok).toBeNull();
    }
    for (const bad of ['1web', 'Web', 'web-', '-web', 'we_b', 'a'.repeat(64), 'web.example']) {
      expect(violation(VM.name, bad), bad).toEqual({ code: 'pattern', patternKey: 'vmName' });
    }
  });

  it('arch: @NotNull, x86_64 or aarch64', () => {
    expect(code(VM.arch, undefined)).toBe('required');
    expect(code(VM.arch, 'x86_64')).toBeNull();
    expect(code(VM.arch, 'aarch64')).toBeNull();
    expect(code(VM.arch, 'arm64')).toBe('pattern');
    expect(code(VM.arch, 'x86_64 ')).toBe('pattern');
  });

  it('vcpus 1–128, memoryMiB 256–1048576, diskGiB 1–65536: all @NotNull', () => {
    bounds(VM.vcpus, 1, 128);
    bounds(VM.memoryMiB, 256, 1048576);
    bounds(VM.diskGiB, 1, 65536);
    expect(code(VM.vcpus, undefined)).toBe('required');
    expect(code(VM.memoryMiB, null)).toBe('required');
    expect(code(VM.diskGiB, undefined)).toBe('required');
    expect(VM.memoryMiB.unit).toBe('mib');
  });

  it('image: @NotBlank @Size(max = 128)', () => {
    expect(code(VM.image, '')).toBe('required');
    expect(code(VM.image, 'd'.repeat(128))).toBeNull();
    expect(code(VM.image, 'd'.repeat(129))).toBe('maxLength');
  });

  it('gpus 0–8, optional (a plain VM sends none); a GPU VM has at least one', () => {
    bounds(VM.gpus, 0, 8);
    expect(code(VM.gpus, undefined)).toBeNull();
    expect(code(GPU_VM_GPUS, undefined)).toBe('required');
    expect(code(GPU_VM_GPUS, 0)).toBe('min');
    expect(code(GPU_VM_GPUS, 8)).toBeNull();
    expect(code(GPU_VM_GPUS, 9)).toBe('max');
  });

  it('sshKeys: at most 20, each an OpenSSH public key', () => {
    expect(VM.sshKeysMax).toBe(20);
    for (const ok of ['ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIG9v alice@laptop', 'ssh-rsa AAAAB3NzaC1yc2E=',
      'ecdsa-sha2-nistp256 AAAAE2VjZHNh', 'ecdsa-sha2-nistp521 AAAA/+= a comment with spaces']) {
      expect(code(VM.sshKey, ok), ok).toBeNull();
    }
    for (const bad of ['ssh-dss AAAAB3', 'ssh-ed25519', 'ssh-ed25519 AAAA\u00e9', 'ecdsa-sha2-nistp224 AAAA',
      'AAAAC3NzaC1lZDI1NTE5', 'ssh-ed25519 AAAA\nssh-rsa BBBB']) {
      expect(violation(VM.sshKey, bad), bad).toEqual({ code: 'pattern', patternKey: 'sshKey' });
    }
  });

  it('userData: @Size(max = 16384), optional; leaseDays 1–3650, optional', () => {
    expect(code(VM.userData, undefined)).toBeNull();
    expect(code(VM.userData, 'u'.repeat(16384))).toBeNull();
    expect(code(VM.userData, 'u'.repeat(16385))).toBe('maxLength');
    bounds(VM.leaseDays, 1, 3650);
    expect(code(VM.leaseDays, undefined)).toBeNull();
  });
});

describe('NodePoolSpec', () => {
  it('cluster: @NotBlank, a DNS label (digits may start it)', () => {
    expect(code(NODE_POOL.cluster, '')).toBe('required');
    expect(code(NODE_POOL.cluster, '1prod')).toBeNull();
    expect(code(NODE_POOL.cluster, 'prod_1')).toBe('pattern');
  });

  it('count 1–50, vcpus 1–128, memoryMiB 1024–1048576, diskGiB 10–65536 (all @NotNull), gpus 0–8', () => {
    bounds(NODE_POOL.count, 1, 50);
    bounds(NODE_POOL.vcpus, 1, 128);
    bounds(NODE_POOL.memoryMiB, 1024, 1048576);
    bounds(NODE_POOL.diskGiB, 10, 65536);
    bounds(NODE_POOL.gpus, 0, 8);
    expect(code(NODE_POOL.count, undefined)).toBe('required');
    expect(code(NODE_POOL.gpus, undefined)).toBeNull();
    expect(code(NODE_POOL.arch, 'ppc64le')).toBe('pattern');
  });
});

describe('NamespaceSpec', () => {
  it('suffix: optional, a DNS label of at most 22 characters', () => {
    expect(code(NAMESPACE.suffix, undefined)).toBeNull();
    expect(code(NAMESPACE.suffix, 'a')).toBeNull();
    expect(code(NAMESPACE.suffix, 'a'.repeat(22))).toBeNull();
    expect(code(NAMESPACE.suffix, 'a'.repeat(23))).toBe('pattern');
    expect(code(NAMESPACE.suffix, 'dev-')).toBe('pattern');
    expect(code(NAMESPACE.cluster, undefined)).toBeNull();
    expect(code(NAMESPACE.cluster, 'Prod')).toBe('pattern');
  });

  it('the share: vcpus 1–4096, memoryMiB 512–16777216, diskGiB 0–1048576, gpus 0–512, each optional', () => {
    bounds(NAMESPACE.quota.vcpus, 1, 4096);
    bounds(NAMESPACE.quota.memoryMiB, 512, 16777216);
    bounds(NAMESPACE.quota.diskGiB, 0, 1048576);
    bounds(NAMESPACE.quota.gpus, 0, 512);
    expect(code(NAMESPACE.quota.vcpus, undefined)).toBeNull();
  });

  it('the namespace name is <tenant>-<project>[-<suffix>], a DNS-1123 label of at most 63 characters', () => {
    expect(namespaceName('acme', 'web', undefined)).toBe('acme-web');
    expect(namespaceName('acme', 'web', 'dev')).toBe('acme-web-dev');
    expect(namespaceNameFits('acme', 'web', 'dev')).toBe(true);
    expect(namespaceNameFits('a'.repeat(30), 'b'.repeat(20), 'c'.repeat(12))).toBe(false); // 64 characters
    expect(namespaceNameFits('a'.repeat(30), 'b'.repeat(20), 'c'.repeat(11))).toBe(true); // 63
  });
});

describe('QuotaChangeSpec', () => {
  it('amounts are @Min(0), optional', () => {
    for (const key of QUOTA_CHANGE.amounts) {
      expect(code(QUOTA_CHANGE[key], 0), key).toBeNull();
      expect(code(QUOTA_CHANGE[key], -1), key).toBe('min');
      expect(code(QUOTA_CHANGE[key], undefined), key).toBeNull();
    }
  });

  it('@AssertTrue isIncrease: at least one amount above zero', () => {
    expect(isIncrease({})).toBe(false);
    expect(isIncrease({ vcpus: 0, gpus: 0 })).toBe(false);
    expect(isIncrease({ k8sNodes: 1 })).toBe(true);
    expect(isIncrease({ memoryMiB: 1024, vcpus: null })).toBe(true);
  });

  it('namespace: @Size(min = 1, max = 64), optional', () => {
    expect(code(QUOTA_CHANGE.namespace, undefined)).toBeNull();
    expect(code(QUOTA_CHANGE.namespace, 'r'.repeat(64))).toBeNull();
    expect(code(QUOTA_CHANGE.namespace, 'r'.repeat(65))).toBe('maxLength');
  });
});

describe('the day-2 specs', () => {
  it('VmResizeSpec: requestId @NotBlank, vcpus 1–128, memoryMiB 256–1048576', () => {
    expect(code(VM_RESIZE.requestId, ' ')).toBe('required');
    bounds(VM_RESIZE.vcpus, 1, 128);
    bounds(VM_RESIZE.memoryMiB, 256, 1048576);
  });

  it('LeaseRenewalSpec: requestId @NotBlank, days 1–3650 @NotNull', () => {
    expect(code(LEASE_RENEWAL.requestId, '')).toBe('required');
    bounds(LEASE_RENEWAL.days, 1, 3650);
    expect(code(LEASE_RENEWAL.days, undefined)).toBe('required');
  });

  it('DecommissionSpec: requestId @NotBlank, node 0–49 optional', () => {
    expect(code(DECOMMISSION.requestId, '')).toBe('required');
    bounds(DECOMMISSION.node, 0, 49);
    expect(code(DECOMMISSION.node, undefined)).toBeNull();
  });
});

describe('building the spec', () => {
  it('leaves blanks and blank list rows out, trims text but not user data', () => {
    expect(buildSpec('gpu-vm', {
      name: ' web ', arch: 'x86_64', vcpus: 2, memoryMiB: 4096, diskGiB: 40, image: 'debian-12', gpus: 1,
      sshKeys: ['ssh-ed25519 AAAA', ''], userData: '#cloud-config\n', leaseDays: undefined,
    })).toEqual({
      name: 'web', arch: 'x86_64', vcpus: 2, memoryMiB: 4096, diskGiB: 40, image: 'debian-12', gpus: 1,
      sshKeys: ['ssh-ed25519 AAAA'], userData: '#cloud-config\n',
    });
  });

  it('a plain VM sends no GPUs; a GPU VM is a vm request', () => {
    expect(buildSpec('vm', { name: 'a', gpus: 2 })).toEqual({ name: 'a' });
    expect(apiType('gpu-vm')).toBe('vm');
    expect(apiType('k8s-nodes')).toBe('k8s-nodes');
  });

  it('leaves an empty namespace share out, keeps a partial one', () => {
    expect(buildSpec('namespace', { suffix: '', quota: { vcpus: undefined } })).toEqual({});
    expect(buildSpec('namespace', { suffix: 'dev', quota: { vcpus: 4 } })).toEqual({ suffix: 'dev', quota: { vcpus: 4 } });
  });
});

describe('quota', () => {
  it('demand mirrors each spec\'s demand()', () => {
    expect(demandOf('vm', { vcpus: 2, memoryMiB: 4096, diskGiB: 40 }))
      .toEqual({ vcpus: 2, memoryMiB: 4096, diskGiB: 40, gpus: 0, vms: 1, k8sNodes: 0 });
    expect(demandOf('k8s-nodes', { count: 3, vcpus: 4, memoryMiB: 8192, diskGiB: 80, gpus: 1 }))
      .toEqual({ vcpus: 12, memoryMiB: 24576, diskGiB: 240, gpus: 3, vms: 3, k8sNodes: 3 });
    expect(demandOf('quota-change', { vcpus: 8 })).toEqual({});
    expect(demandOf('quota-change', { vcpus: 8, namespace: 'r1' }))
      .toEqual({ vcpus: 8, memoryMiB: 0, diskGiB: 0, gpus: 0, vms: 0, k8sNodes: 0 });
    expect(demandOf('lease-renewal', { days: 30 })).toEqual({});
  });

  it('what is left: limits − used − demand', () => {
    expect(remaining({ vcpus: 16, memoryMiB: 32768 }, { vcpus: 4 }, { vcpus: 2, memoryMiB: 4096 }))
      .toEqual({ vcpus: 10, memoryMiB: 28672, diskGiB: 0, gpus: 0, vms: 0, k8sNodes: 0 });
  });

  it('only owners and members submit (ProjectRole.maySubmit)', () => {
    expect(maySubmitIn('owner')).toBe(true);
    expect(maySubmitIn('member')).toBe(true);
    expect(maySubmitIn('viewer')).toBe(false);
    expect(maySubmitIn(null)).toBe(false);
  });
});

describe('size presets', () => {
  it('fit both VmSpec and NodePoolSpec', () => {
    for (const size of DEFAULT_SIZES) {
      expect(code(VM.vcpus, size.vcpus)).toBeNull();
      expect(code(NODE_POOL.memoryMiB, size.memoryMiB)).toBeNull();
      expect(code(NODE_POOL.diskGiB, size.diskGiB)).toBeNull();
    }
  });

  it('the preset a size equals', () => {
    expect(matchingPreset(DEFAULT_SIZES, { vcpus: 2, memoryMiB: 4096, diskGiB: 40 })).toBe('medium');
    expect(matchingPreset(DEFAULT_SIZES, { vcpus: 2, memoryMiB: 4096, diskGiB: 41 })).toBeUndefined();
    expect(matchingPreset(DEFAULT_SIZES, { vcpus: 2, memoryMiB: 4096 }, false)).toBe('medium');
  });
});

import { describe, expect, it } from 'vitest';

import {
  availableActions, leaseDaysLeft, leaseUrgency, requestActionPath, VM_STATES,
} from './resourceActions';

const NOW = Date.parse('2026-03-01T12:00:00Z');
const LATER = '2026-06-01T00:00:00Z';

describe('actions on a VM by its state', () => {
  const vm = (state: string, leaseExpiresAt: string | null = LATER) => ({ kind: 'vm', state, leaseExpiresAt });

  it('a running VM can be stopped, rebooted, renewed, resized and decommissioned', () => {
    expect(availableActions(vm('RUNNING'), NOW)).toEqual(['stop', 'reboot', 'renew', 'resize', 'decommission']);
  });

  it('a stopped VM can be started unless its lease has ended', () => {
    expect(availableActions(vm('STOPPED'), NOW)).toEqual(['start', 'renew', 'resize', 'decommission']);
    expect(availableActions(vm('STOPPED', '2026-02-01T00:00:00Z'), NOW)).toEqual(['renew', 'resize', 'decommission']);
  });

  it('a lost VM can only be renewed or decommissioned; one on its way or gone, nothing', () => {
    expect(availableActions(vm('LOST'), NOW)).toEqual(['renew', 'decommission']);
    for (const state of ['PENDING', 'WAITING', 'PROVISIONING', 'FAILED', 'DECOMMISSIONING', 'DECOMMISSIONED']) {
      expect(availableActions(vm(state), NOW), state).toEqual([]);
    }
    expect(VM_STATES).toHaveLength(9);
  });
});

describe('actions on Kubernetes resources', () => {
  it('only decommissioning, of a ready node or an active namespace', () => {
    expect(availableActions({ kind: 'k8s-node', state: 'READY' }, NOW)).toEqual(['decommission']);
    expect(availableActions({ kind: 'k8s-node', state: 'JOINING' }, NOW)).toEqual([]);
    expect(availableActions({ kind: 'namespace', state: 'ACTIVE' }, NOW)).toEqual(['decommission']);
    expect(availableActions({ kind: 'namespace', state: 'DELETED' }, NOW)).toEqual([]);
  });
});

describe('leases', () => {
  it('warns a week ahead and after the end', () => {
    expect(leaseUrgency(null, NOW)).toBe('none');
    expect(leaseUrgency(LATER, NOW)).toBe('ok');
    expect(leaseUrgency('2026-03-05T00:00:00Z', NOW)).toBe('soon');
    expect(leaseUrgency('2026-03-01T11:00:00Z', NOW)).toBe('ended');
    expect(leaseDaysLeft('2026-03-05T00:00:00Z', NOW)).toBe(3);
  });
});

describe('follow-up requests', () => {
  it('open the request form of their type for the resource', () => {
    expect(requestActionPath('renew', 'sg-r1-0')).toBe('/requests/new/lease-renewal?resource=sg-r1-0');
    expect(requestActionPath('resize', 'sg-r1-0')).toBe('/requests/new/vm-resize?resource=sg-r1-0');
    expect(requestActionPath('decommission', 'dev/team-a')).toBe('/requests/new/decommission?resource=dev%2Fteam-a');
  });
});

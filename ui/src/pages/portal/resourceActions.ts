/**
 * What an owner may do with a resource, by its kind and state, as the API decides it: power actions
 * (io.stackgate.compute.vms.VmActions: start a RUNNING or STOPPED VM whose lease has not ended, stop a live one,
 * reboot a RUNNING one) and the follow-up requests (TargetRequestCheck, DecommissionCheck: renew and resize the VMs
 * of a completed vm request, decommission a completed vm, k8s-nodes or namespace request whose resources are not gone).
 */

export type ResourceKind = 'vm' | 'k8s-node' | 'namespace';
export type PowerAction = 'start' | 'stop' | 'reboot';
export type RequestAction = 'renew' | 'resize' | 'decommission';
export type ResourceAction = PowerAction | RequestAction;

export const POWER_ACTIONS: PowerAction[] = ['start', 'stop', 'reboot'];
export const REQUEST_ACTIONS: RequestAction[] = ['renew', 'resize', 'decommission'];

/** The VM states (io.stackgate.compute.VmState). */
export const VM_STATES = ['PENDING', 'WAITING', 'PROVISIONING', 'RUNNING', 'STOPPED', 'FAILED', 'DECOMMISSIONING',
  'DECOMMISSIONED', 'LOST'] as const;
/** Worker node states (Nodes.State) and namespace states (Namespaces). */
export const NODE_STATES = ['JOINING', 'READY', 'FAILED', 'DRAINING', 'DELETED'] as const;
export const NAMESPACE_STATES = ['RESERVED', 'PROVISIONING', 'ACTIVE', 'FAILED', 'DELETED'] as const;

export interface ActionTarget {
  kind: ResourceKind | string;
  state?: string;
  /** VMs only */
  leaseExpiresAt?: string | null;
}

/** Whether the lease has ended (an ended lease keeps a VM off until a renewal is approved). */
export function leaseEnded(leaseExpiresAt: string | null | undefined, now: number = Date.now()): boolean {
  return !!leaseExpiresAt && new Date(leaseExpiresAt).getTime() <= now;
}

/** How many days are left of a lease (negative once ended), or undefined without one. */
export function leaseDaysLeft(leaseExpiresAt: string | null | undefined, now: number = Date.now()): number | undefined {
  if (!leaseExpiresAt) {
    return undefined;
  }
  const at = new Date(leaseExpiresAt).getTime();
  if (Number.isNaN(at)) {
    return undefined;
  }
  return Math.floor((at - now) / 86_400_000);
}

/** How a lease end is shown: past (red), within a week (orange), later (plain). */
export function leaseUrgency(leaseExpiresAt: string | null | undefined, now: number = Date.now()):
  'ended' | 'soon' | 'ok' | 'none' {
  if (!leaseExpiresAt) {
    return 'none';
  }
  if (leaseEnded(leaseExpiresAt, now)) {
    return 'ended';
  }
  const days = leaseDaysLeft(leaseExpiresAt, now);
  return days !== undefined && days < 7 ? 'soon' : 'ok';
}

/** The actions that apply to the resource now, in the order the menu shows them. */
export function availableActions(target: ActionTarget, now: number = Date.now()): ResourceAction[] {
  const state = target.state ?? '';
  const actions: ResourceAction[] = [];
  if (target.kind === 'vm') {
    const ended = leaseEnded(target.leaseExpiresAt, now);
    if (state === 'STOPPED' && !ended) {
      actions.push('start');
    }
    if (state === 'RUNNING') {
      actions.push('stop', 'reboot');
    }
    if (state === 'RUNNING' || state === 'STOPPED' || state === 'LOST') {
      actions.push('renew');
    }
    if (state === 'RUNNING' || state === 'STOPPED') {
      actions.push('resize');
    }
    if (state === 'RUNNING' || state === 'STOPPED' || state === 'LOST') {
      actions.push('decommission');
    }
  } else if (target.kind === 'k8s-node') {
    if (state === 'READY') {
      actions.push('decommission');
    }
  } else if (target.kind === 'namespace') {
    if (state === 'ACTIVE') {
      actions.push('decommission');
    }
  }
  return actions;
}

export function isPowerAction(action: ResourceAction): action is PowerAction {
  return (POWER_ACTIONS as string[]).includes(action);
}

/** Where a follow-up request is filled in for the resource (the request form reads ?resource=). */
export function requestActionPath(action: RequestAction, resourceId: string): string {
  const type = action === 'renew' ? 'lease-renewal' : action === 'resize' ? 'vm-resize' : 'decommission';
  return `/requests/new/${type}?resource=${encodeURIComponent(resourceId)}`;
}

/** Tag colours of resource states. */
export function resourceStateColor(state: string | undefined): string {
  switch (state) {
    case 'RUNNING':
    case 'READY':
    case 'ACTIVE':
      return 'success';
    case 'STOPPED':
      return 'default';
    case 'PENDING':
    case 'WAITING':
    case 'RESERVED':
      return 'gold';
    case 'PROVISIONING':
    case 'JOINING':
      return 'processing';
    case 'DECOMMISSIONING':
    case 'DRAINING':
      return 'orange';
    case 'FAILED':
    case 'LOST':
      return 'error';
    case 'DECOMMISSIONED':
    case 'DELETED':
      return 'default';
    default:
      return 'default';
  }
}

/** Every resource state the catalogue names (resources.stateName.*). */
export const RESOURCE_STATES = [...new Set<string>([...VM_STATES, ...NODE_STATES, ...NAMESPACE_STATES])];

/** States in which a resource is still changing (the list polls while it shows one). */
export function isTransient(state: string | undefined): boolean {
  return ['PENDING', 'WAITING', 'PROVISIONING', 'DECOMMISSIONING', 'JOINING', 'DRAINING', 'RESERVED']
    .includes(state ?? '');
}

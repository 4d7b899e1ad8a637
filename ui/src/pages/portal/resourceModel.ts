import { api } from '../../api/client';
import { unwrap } from '../../api/problems';

/**
 * The rows of GET /api/resources by kind (the API types them as Object): ResourceController.ResourceView for VMs,
 * NodeResources.NodeView for worker nodes, NamespaceResources.NamespaceView for namespaces.
 */
export interface Size {
  vcpus?: number;
  memoryMiB?: number;
  diskGiB?: number;
  gpus?: number;
}

interface Common {
  id: string;
  tenant?: string;
  project?: string;
  requestId?: string;
  state?: string;
  stateReason?: string | null;
  createdAt?: string;
}

export interface VmResource extends Common {
  kind: 'vm';
  owner?: string;
  vmIndex?: number;
  hostname?: string;
  host?: string | null;
  arch?: string;
  image?: string;
  size?: Size;
  gpuDevices?: string[];
  network?: string;
  macAddress?: string | null;
  ipAddress?: string | null;
  leaseExpiresAt?: string | null;
  updatedAt?: string;
}

export interface NodeResource extends Common {
  kind: 'k8s-node';
  nodeIndex?: number;
  cluster?: string;
  name?: string;
  arch?: string;
  live?: { ready: boolean; cordoned: boolean; labels?: Record<string, string>; taints?: unknown[] } | null;
}

export interface NamespaceResource extends Common {
  kind: 'namespace';
  cluster?: string;
  name?: string;
  quota?: Size & { configuredDefault?: boolean };
  roleBindings?: { name: string; group: string; clusterRole: string }[] | null;
}

export type AnyResource = VmResource | NodeResource | NamespaceResource;
export const RESOURCE_KINDS = ['vm', 'k8s-node', 'namespace'] as const;
export type Kind = (typeof RESOURCE_KINDS)[number];

export interface ResourceQuery {
  kind?: string;
  tenant?: string;
  project?: string;
  state?: string;
  /** a request id: only what that request made */
  request?: string;
  page?: number;
  size?: number;
}

export async function listResources(query: ResourceQuery) {
  const answer = unwrap(await api.GET('/api/resources', { params: { query } }));
  return { ...answer, items: (answer.items ?? []) as AnyResource[], total: answer.total ?? 0 };
}

/**
 * The resources one request made (GET /api/resources?request=, one indexed query), at most a page of 200 (the API's
 * largest; a request makes at most its count of VMs or nodes, or one namespace).
 */
export async function resourcesOfRequest(requestId: string, kind: Kind, tenant?: string, project?: string) {
  const page = await listResources({ kind, tenant, project, request: requestId, size: 200 });
  return page.items;
}

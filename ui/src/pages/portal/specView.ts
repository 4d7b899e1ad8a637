import { mibToGib } from '../../format/format';

/**
 * A request's spec as lines a person reads: memory in GiB, CPUs as vCPUs, leases in days, SSH keys counted, the
 * target of a follow-up request as a link. Field names are those of the spec records (VmSpec, NodePoolSpec, …).
 */
export interface SpecLine {
  /** the spec field (a catalogue key under spec.*) */
  field: string;
  text: string;
  /** a request this line points at (vm-resize, lease-renewal, decommission) */
  requestId?: string;
  hidden?: boolean;
}

type Translate = (key: string, options?: Record<string, unknown>) => string;

/** The order fields are shown in; others follow in the API's order. */
const ORDER = ['requestId', 'node', 'name', 'cluster', 'suffix', 'namespace', 'count', 'image', 'arch', 'vcpus',
  'memoryMiB', 'diskGiB', 'gpus', 'vms', 'k8sNodes', 'days', 'leaseDays', 'quota', 'sshKeys', 'userData'];

export const SPEC_FIELDS = ORDER;

function sizeText(field: string, value: number, t: Translate): string {
  if (/MiB$/.test(field)) {
    return t('common:units.memoryGiB', { value: mibToGib(value) });
  }
  if (/GiB$/.test(field)) {
    return t('common:units.diskGiB', { value });
  }
  if (field === 'vcpus') {
    return t('common:units.vcpus', { count: value });
  }
  if (field === 'days' || field === 'leaseDays') {
    return t('common:units.days', { count: value });
  }
  return String(value);
}

/** A share or quota ({vcpus, memoryMiB, diskGiB, gpus}) on one line. */
export function shareText(share: Record<string, unknown>, t: Translate): string {
  return ['vcpus', 'memoryMiB', 'diskGiB', 'gpus']
    .filter(key => typeof share[key] === 'number')
    .map(key => (key === 'gpus' ? t('requests:spec.gpuCount', { count: share[key] as number })
      : sizeText(key, share[key] as number, t)))
    .join(' · ');
}

export function specLines(spec: unknown, hidden: string[] | undefined, t: Translate): SpecLine[] {
  if (!spec || typeof spec !== 'object') {
    return [];
  }
  const record = spec as Record<string, unknown>;
  const hiddenFields = (hidden ?? []).map(field => field.replace(/^spec\./, ''));
  const fields = [
    ...ORDER.filter(field => field in record || hiddenFields.includes(field)),
    ...Object.keys(record).filter(field => !ORDER.includes(field)),
  ];
  const lines: SpecLine[] = [];
  for (const field of fields) {
    const value = record[field];
    if (hiddenFields.includes(field)) {
      lines.push({ field, text: t('requests:spec.hidden'), hidden: true });
      continue;
    }
    if (value === null || value === undefined || value === '') {
      continue;
    }
    if (field === 'requestId' && typeof value === 'string') {
      lines.push({ field, text: value, requestId: value });
    } else if (field === 'sshKeys' && Array.isArray(value)) {
      lines.push({ field, text: t('requests:spec.keyCount', { count: value.length }) });
    } else if (field === 'userData' && typeof value === 'string') {
      lines.push({ field, text: t('requests:spec.lineCount', { count: value.split('\n').length }) });
    } else if (typeof value === 'number') {
      lines.push({ field, text: sizeText(field, value, t) });
    } else if (typeof value === 'object' && !Array.isArray(value)) {
      lines.push({ field, text: shareText(value as Record<string, unknown>, t) });
    } else if (Array.isArray(value)) {
      lines.push({ field, text: value.join(', ') });
    } else {
      lines.push({ field, text: String(value) });
    }
  }
  return lines;
}

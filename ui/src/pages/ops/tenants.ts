/** Helpers of the tenants-config page: approval SLAs (ISO-8601 durations) and quota use. */

/** An ISO-8601 duration (PT48H, P2D, PT1H30M, P1DT12H) in milliseconds; undefined when it is not one. */
export function isoDurationMs(value: string | null | undefined): number | undefined {
  const match = /^P(?:(\d+(?:\.\d+)?)D)?(?:T(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)S)?)?$/.exec(value ?? '');
  if (!match || value === 'P' || value === 'PT') {
    return undefined;
  }
  const [, d, h, m, s] = match.map(part => (part === undefined ? 0 : Number(part)));
  return (((Number(d) * 24 + Number(h)) * 60 + Number(m)) * 60 + Number(s)) * 1000;
}

export interface QuotaLike {
  vcpus?: number;
  memoryMiB?: number;
  diskGiB?: number;
  gpus?: number;
  vms?: number;
  k8sNodes?: number;
}

export const QUOTA_KEYS = ['vcpus', 'memoryMiB', 'diskGiB', 'gpus', 'vms', 'k8sNodes'] as const;
export type QuotaKey = (typeof QUOTA_KEYS)[number];

/** Used of the quota in percent (0..100, 100 when something is used of a zero quota), and whether it is over. */
export function quotaUse(quota: QuotaLike | undefined, used: QuotaLike | undefined, key: QuotaKey): { percent: number; over: boolean } {
  const limit = quota?.[key] ?? 0;
  const taken = used?.[key] ?? 0;
  if (limit <= 0) {
    return { percent: taken > 0 ? 100 : 0, over: taken > 0 };
  }
  return { percent: Math.min(100, Math.round((taken / limit) * 1000) / 10), over: taken > limit };
}

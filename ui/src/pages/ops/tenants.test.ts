import { describe, expect, it } from 'vitest';

import { isoDurationMs, quotaUse } from './tenants';

describe('tenants helpers', () => {
  it('reads ISO-8601 durations', () => {
    expect(isoDurationMs('PT48H')).toBe(48 * 3600_000);
    expect(isoDurationMs('P2D')).toBe(48 * 3600_000);
    expect(isoDurationMs('PT1H30M')).toBe(90 * 60_000);
    expect(isoDurationMs('P1DT12H')).toBe(36 * 3600_000);
    expect(isoDurationMs('PT0.5S')).toBe(500);
    expect(isoDurationMs('48h')).toBeUndefined();
    expect(isoDurationMs('PT')).toBeUndefined();
    expect(isoDurationMs(undefined)).toBeUndefined();
  });

  it('computes quota use', () => {
    expect(quotaUse({ vcpus: 40 }, { vcpus: 10 }, 'vcpus')).toEqual({ percent: 25, over: false });
    expect(quotaUse({ vcpus: 4 }, { vcpus: 6 }, 'vcpus')).toEqual({ percent: 100, over: true });
    expect(quotaUse({ gpus: 0 }, { gpus: 0 }, 'gpus')).toEqual({ percent: 0, over: false });
    expect(quotaUse({ gpus: 0 }, { gpus: 1 }, 'gpus')).toEqual({ percent: 100, over: true });
    expect(quotaUse(undefined, undefined, 'vms')).toEqual({ percent: 0, over: false });
  });
});

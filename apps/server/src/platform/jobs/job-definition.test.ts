import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineJob, PermanentJobError, retryDelaySeconds } from './job-definition.js';

describe('job definitions', () => {
  it('spread each retry delay by the jitter, and end after the last one', () => {
    const policy = { delaysSeconds: [60, 3600, 86_400], jitter: 0.2 };
    expect(retryDelaySeconds(policy, 1, () => 0)).toBe(48);
    expect(retryDelaySeconds(policy, 1, () => 0.5)).toBe(60);
    expect(retryDelaySeconds(policy, 3, () => 0.999_999)).toBe(103_680);
    expect(retryDelaySeconds(policy, 4)).toBeNull();
  });

  it('classify PermanentJobError and the definition’s own rule as permanent', () => {
    const def = defineJob({ name: 'x.y', schema: z.object({}), permanent: (e) => e instanceof TypeError });
    expect(def.isPermanent(new PermanentJobError('no'))).toBe(true);
    expect(def.isPermanent(new TypeError('no'))).toBe(true);
    expect(def.isPermanent(new Error('maybe later'))).toBe(false);
  });

  it('refuse bad names and bad policies at definition time', () => {
    expect(() => defineJob({ name: 'Bad Name', schema: z.object({}) })).toThrow(/Invalid job name/);
    expect(() => defineJob({ name: 'x', schema: z.object({}), retry: [-1] })).toThrow(/Invalid retry/);
    expect(() =>
      defineJob({ name: 'x', schema: z.object({}), retry: { delaysSeconds: [1], jitter: 1 } }),
    ).toThrow();
  });
});

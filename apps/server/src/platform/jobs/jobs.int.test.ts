import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createTestDatabase } from '../../../test/support/database.js';
import { createJobs, defineJob, type Jobs } from './jobs.js';

async function waitFor<T>(fn: () => Promise<T | undefined>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await fn();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe('jobs (pg-boss)', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let jobs: Jobs;
  beforeAll(async () => {
    database = await createTestDatabase();
    jobs = createJobs({
      connectionString: database.url,
      pollingIntervalSeconds: 0.5,
      supervise: true,
      onError: () => {},
    });
    await jobs.start();
  });
  afterAll(async () => {
    await jobs.stop();
    await database.close();
  });

  it('runs a job with its validated payload and records completion', async () => {
    const seen: number[] = [];
    const add = defineJob('test.add', z.object({ a: z.number(), b: z.number() }));
    await jobs.work(add, async ({ a, b }) => {
      seen.push(a + b);
      return { sum: a + b };
    });
    const id = await jobs.enqueue(add, { a: 2, b: 3 });
    const done = await waitFor(async () => {
      const job = await jobs.getJob(add, id!);
      return job?.state === 'completed' ? job : undefined;
    });
    expect(seen).toEqual([5]);
    expect(done.output).toEqual({ sum: 5 });
  });

  it('rejects a payload that does not match the job schema before it is queued', async () => {
    const strict = defineJob('test.strict', z.object({ rfc: z.string().length(12) }));
    await expect(jobs.enqueue(strict, { rfc: 'short' })).rejects.toThrow();
  });

  it('retries a failing job and leaves it visibly failed once retries are exhausted', async () => {
    let attempts = 0;
    const flaky = defineJob('test.always-fails', z.object({}), {
      retryLimit: 2,
      retryDelaySeconds: 1,
      retryBackoff: false,
    });
    await jobs.work(flaky, async () => {
      attempts++;
      throw new Error('SAT answered 500');
    });
    const id = await jobs.enqueue(flaky, {});
    const failed = await waitFor(async () => {
      const job = await jobs.getJob(flaky, id!);
      return job?.state === 'failed' ? job : undefined;
    });
    expect(attempts).toBe(3);
    expect(failed.retryCount).toBe(2);
  });

  it('recovers a job that failed once', async () => {
    let attempts = 0;
    const once = defineJob('test.fails-once', z.object({}), {
      retryLimit: 3,
      retryDelaySeconds: 1,
      retryBackoff: false,
    });
    await jobs.work(once, async () => {
      attempts++;
      if (attempts === 1) throw new Error('transient');
    });
    const id = await jobs.enqueue(once, {});
    await waitFor(async () => ((await jobs.getJob(once, id!))?.state === 'completed' ? true : undefined));
    expect(attempts).toBe(2);
  });
});

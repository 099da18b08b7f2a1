import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createTestDatabase } from '../../../test/support/database.js';
import { createNotifications } from '../notify/index.js';
import { createJobs, defineJob, type Jobs, jobSelected, jobWorker, PermanentJobError } from './jobs.js';

async function waitFor<T>(fn: () => Promise<T | undefined>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await fn();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 100));
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

  const finished = (def: Parameters<Jobs['getJob']>[0], id: string) =>
    waitFor(async () => {
      const job = await jobs.getJob(def, id);
      return job && (job.state === 'completed' || job.state === 'failed') ? job : undefined;
    });

  it('runs a job with its validated payload and records its result', async () => {
    const seen: number[] = [];
    const add = defineJob({ name: 'test.add', schema: z.object({ a: z.number(), b: z.number() }) });
    await jobs.register(
      jobWorker(add, async ({ a, b }) => {
        seen.push(a + b);
        return { sum: a + b };
      }),
    );
    const done = await finished(add, (await jobs.enqueue(add, { a: 2, b: 3 }))!);
    expect(seen).toEqual([5]);
    expect(done).toMatchObject({ state: 'completed', attempts: 0, output: { sum: 5 } });
  });

  it('rejects a payload that does not match the job schema before it is queued', async () => {
    const strict = defineJob({ name: 'test.strict', schema: z.object({ rfc: z.string().length(12) }) });
    await expect(jobs.enqueue(strict, { rfc: 'short' })).rejects.toThrow();
  });

  it('retries on its schedule, then hands the last error to the final-failure hook once', async () => {
    const attempts: number[] = [];
    const finals: { id: string; error: string; attempt: number }[] = [];
    const flaky = defineJob({
      name: 'test.always-fails',
      schema: z.object({ id: z.string() }),
      retry: [0, 1],
    });
    await jobs.register(
      jobWorker(
        flaky,
        async (_d, ctx) => {
          attempts.push(ctx.attempt);
          throw new Error(`SAT answered 500 (attempt ${ctx.attempt})`);
        },
        {
          onFinalFailure: async (d, error, ctx) =>
            void finals.push({ id: d.id, error: (error as Error).message, attempt: ctx.attempt }),
        },
      ),
    );
    const done = await finished(flaky, (await jobs.enqueue(flaky, { id: 'row-1' }))!);
    expect(attempts).toEqual([0, 1, 2]);
    expect(done).toMatchObject({ state: 'failed', attempts: 2 });
    expect(finals).toEqual([{ id: 'row-1', error: 'SAT answered 500 (attempt 2)', attempt: 2 }]);
  });

  it('does not retry an error the definition calls permanent', async () => {
    let runs = 0;
    const finals: string[] = [];
    const strict = defineJob({
      name: 'test.permanent',
      schema: z.object({ kind: z.enum(['thrown', 'classified']) }),
      retry: [0, 0, 0],
      permanent: (e) => e instanceof RangeError,
    });
    await jobs.register(
      jobWorker(
        strict,
        async ({ kind }) => {
          runs++;
          throw kind === 'thrown'
            ? new PermanentJobError('unreadable package')
            : new RangeError('bad period');
        },
        { onFinalFailure: async (_d, e) => void finals.push((e as Error).message) },
      ),
    );
    expect(await finished(strict, (await jobs.enqueue(strict, { kind: 'thrown' }))!)).toMatchObject({
      state: 'failed',
      attempts: 0,
    });
    expect(await finished(strict, (await jobs.enqueue(strict, { kind: 'classified' }))!)).toMatchObject({
      state: 'failed',
      attempts: 0,
    });
    expect(runs).toBe(2);
    expect(finals).toEqual(['unreadable package', 'bad period']);
  });

  it('recovers a job that failed once', async () => {
    let runs = 0;
    const once = defineJob({ name: 'test.fails-once', schema: z.object({}), retry: [0, 0, 0] });
    await jobs.register(
      jobWorker(once, async () => {
        runs++;
        if (runs === 1) throw new Error('transient');
        return 'ok';
      }),
    );
    const done = await finished(once, (await jobs.enqueue(once, {}))!);
    expect(done).toMatchObject({ state: 'completed', attempts: 1, output: 'ok' });
  });

  it('keeps one waiting job per dedupe key', async () => {
    const perRfc = defineJob({
      name: 'test.per-rfc',
      schema: z.object({ rfc: z.string(), n: z.number() }),
      dedupeKey: (d) => d.rfc,
    });
    // Queued for later, so both enqueues find the first one waiting.
    const first = await jobs.enqueue(perRfc, { rfc: 'AAA010101AAA', n: 1 }, { startAfterSeconds: 60 });
    const second = await jobs.enqueue(perRfc, { rfc: 'AAA010101AAA', n: 2 }, { startAfterSeconds: 60 });
    const other = await jobs.enqueue(perRfc, { rfc: 'BBB010101BBB', n: 3 }, { startAfterSeconds: 60 });
    expect(first).toEqual(expect.any(String));
    expect(second).toBeNull();
    expect(other).toEqual(expect.any(String));
  });

  it('queues a job only if the transaction it joined commits', async () => {
    const ran: string[] = [];
    const joined = defineJob({ name: 'test.joined', schema: z.object({ label: z.string() }) });
    await jobs.register(jobWorker(joined, async ({ label }) => void ran.push(label)));
    await expect(
      database.transaction(async (tx) => {
        await jobs.enqueue(joined, { label: 'rolled back' }, { tx });
        throw new Error('the write failed');
      }),
    ).rejects.toThrow('the write failed');
    const id = await database.transaction((tx) => jobs.enqueue(joined, { label: 'committed' }, { tx }));
    await finished(joined, id!);
    expect(ran).toEqual(['committed']);
    const { rows } = await database.pool.query(
      "SELECT count(*)::int AS n FROM pgboss.job WHERE name = 'test.joined'",
    );
    expect(rows[0].n).toBe(1);
  });

  it('runs only the jobs WORKER_JOBS gives this process; the rest wait for a process that runs them', async () => {
    const narrow = createJobs({
      connectionString: database.url,
      pollingIntervalSeconds: 0.5,
      supervise: false,
      onError: () => {},
      runs: ['test.sat.*'],
    });
    await narrow.start();
    try {
      const ran: string[] = [];
      const mine = defineJob({ name: 'test.sat.download', schema: z.object({}) });
      const other = defineJob({ name: 'test.ocr', schema: z.object({}) });
      await narrow.register(jobWorker(mine, async () => void ran.push('mine')));
      await narrow.register(jobWorker(other, async () => void ran.push('other')));
      const mineId = await narrow.enqueue(mine, {});
      const otherId = await narrow.enqueue(other, {});
      await finished(mine, mineId!);
      // A poll later the other job is still waiting: nothing in this process took it.
      await new Promise((r) => setTimeout(r, 1_200));
      expect((await jobs.getJob(other, otherId!))?.state).toBe('created');
      await jobs.register(jobWorker(other, async () => void ran.push('other')));
      await finished(other, otherId!);
      expect(ran).toEqual(['mine', 'other']);
    } finally {
      await narrow.stop();
    }
  });
});

describe('jobs woken without waiting for the poll', () => {
  it('drains a queue back to back and starts a job queued by another process at once', async () => {
    const database = await createTestDatabase();
    // A poll of a minute: every job below would take minutes if a worker waited for it.
    const make = () => {
      const notifications = createNotifications({ connectionString: database.url, onError: () => {} });
      const jobs = createJobs({
        connectionString: database.url,
        pollingIntervalSeconds: 60,
        supervise: false,
        onError: () => {},
        notifications,
      });
      return { jobs, notifications };
    };
    const api = make();
    const worker = make();
    await api.jobs.start();
    await worker.jobs.start();
    try {
      const done: number[] = [];
      const quick = defineJob({ name: 'test.quick', schema: z.object({ n: z.number() }) });
      await worker.jobs.register(jobWorker(quick, async ({ n }) => void done.push(n)));
      // Let the first (empty) fetch happen, so the worker is asleep in its poll.
      await new Promise((r) => setTimeout(r, 300));
      await database.transaction(async (tx) => {
        for (let n = 0; n < 8; n++) await api.jobs.enqueue(quick, { n }, { tx });
      });
      await waitFor(async () => (done.length === 8 ? true : undefined), 20_000);
      expect(done.sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    } finally {
      await api.jobs.stop();
      await worker.jobs.stop();
      await api.notifications.close();
      await worker.notifications.close();
      await database.close();
    }
  });
});

describe('jobSelected (WORKER_JOBS)', () => {
  it('matches every job, exact names and prefix.* patterns', () => {
    expect(jobSelected(['*'], 'events.deliver')).toBe(true);
    expect(jobSelected(['sat.*'], 'sat.sync-taxpayer')).toBe(true);
    expect(jobSelected(['sat.*'], 'satellite.x')).toBe(false);
    expect(jobSelected(['cfdi.ingest-package', 'events.*'], 'events.sweep')).toBe(true);
    expect(jobSelected(['cfdi.ingest-package'], 'cfdi.other')).toBe(false);
  });
});

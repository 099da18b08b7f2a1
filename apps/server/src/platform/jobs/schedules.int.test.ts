import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createTestDatabase } from '../../../test/support/database.js';
import { createJobs, defineJob, type Jobs } from './jobs.js';
import { createSchedules, InvalidScheduleError } from './schedules.js';

const syncJob = defineJob({ name: 'test.connector-sync', schema: z.object({ connectorId: z.string() }) });
const tenantId = '7c9e6679-7425-40de-944b-e07fc1f90ae7';

describe('per-tenant schedules', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let jobs: Jobs;
  let clock = new Date('2026-12-04T07:00:00Z'); // 01:00 in Mexico City
  // A fresh instance each time, as another process would be: it knows the job only by registration.
  const schedulesAt = () => {
    const schedules = createSchedules({
      pool: database.pool,
      transaction: database.transaction,
      jobs,
      now: () => clock,
    });
    schedules.register(syncJob);
    return schedules;
  };
  const queuedSyncs = async () =>
    (
      await database.pool.query(
        "SELECT data FROM pgboss.job WHERE name = 'test.connector-sync' ORDER BY created_on",
      )
    ).rows.map((r) => r.data.payload.connectorId);

  beforeAll(async () => {
    database = await createTestDatabase();
    jobs = createJobs({
      connectionString: database.url,
      pollingIntervalSeconds: 0.5,
      supervise: false,
      onError: () => {},
    });
    await jobs.start();
  });
  afterAll(async () => {
    await jobs.stop();
    await database.close();
  });

  it('refuses a schedule that is not one, before storing anything', async () => {
    const schedules = schedulesAt();
    const base = { job: syncJob, key: 'c1', tenantId, payload: { connectorId: 'c1' } };
    await expect(
      schedules.upsert({ ...base, cron: 'every night', tz: 'America/Mexico_City' }),
    ).rejects.toBeInstanceOf(InvalidScheduleError);
    await expect(schedules.upsert({ ...base, cron: '0 2 * * *', tz: 'Mars/Olympus' })).rejects.toBeInstanceOf(
      InvalidScheduleError,
    );
    await expect(
      schedules.upsert({ ...base, cron: '0 2 * * *', tz: 'UTC', payload: { connectorId: 7 } as never }),
    ).rejects.toThrow();
    expect(await schedules.get(syncJob, 'c1')).toBeNull();
  });

  it("queues a due schedule once, in the tenant's time zone, and moves it to the next run", async () => {
    const schedules = schedulesAt();
    const row = await schedules.upsert({
      job: syncJob,
      key: 'c1',
      tenantId,
      cron: '0 2 * * *',
      tz: 'America/Mexico_City',
      payload: { connectorId: 'c1' },
    });
    // 02:00 in Mexico City is 08:00 UTC.
    expect(row.nextRunAt.toISOString()).toBe('2026-12-04T08:00:00.000Z');
    expect(await schedules.tick()).toBe(0);
    clock = new Date('2026-12-04T08:00:30Z');
    expect(await schedules.tick()).toBe(1);
    expect(await schedules.tick()).toBe(0);
    expect(await queuedSyncs()).toEqual(['c1']);
    const moved = await schedules.get(syncJob, 'c1');
    expect(moved).toMatchObject({ lastRunAt: clock, lastJobId: expect.any(String) });
    expect(moved!.nextRunAt.toISOString()).toBe('2026-12-05T08:00:00.000Z');
  });

  it('after downtime, runs a missed schedule once, not once per missed day', async () => {
    clock = new Date('2026-12-09T12:00:00Z');
    expect(await schedulesAt().tick()).toBe(1);
    expect(await queuedSyncs()).toEqual(['c1', 'c1']);
    expect((await schedulesAt().get(syncJob, 'c1'))!.nextRunAt.toISOString()).toBe(
      '2026-12-10T08:00:00.000Z',
    );
  });

  it('never queues one schedule twice when two workers tick at once, and skips disabled ones', async () => {
    const schedules = schedulesAt();
    await schedules.upsert({
      job: syncJob,
      key: 'c2',
      tenantId,
      cron: '* * * * *',
      tz: 'UTC',
      payload: { connectorId: 'c2' },
    });
    await schedules.upsert({
      job: syncJob,
      key: 'c3',
      tenantId,
      cron: '* * * * *',
      tz: 'UTC',
      payload: { connectorId: 'c3' },
      enabled: false,
    });
    clock = new Date(clock.getTime() + 61_000);
    const [a, b] = await Promise.all([schedulesAt().tick(), schedulesAt().tick()]);
    expect(a + b).toBe(1);
    expect((await queuedSyncs()).filter((c) => c !== 'c1')).toEqual(['c2']);
  });

  it('a paused schedule is not queued, the owner upserting it does not lift the pause, resume moves it on', async () => {
    const schedules = schedulesAt();
    await schedules.upsert({
      job: syncJob,
      key: 'c4',
      tenantId,
      cron: '0 2 * * *',
      tz: 'UTC',
      payload: { connectorId: 'c4' },
    });
    expect(await schedules.pause(tenantId, syncJob.name, 'c4', 'ana@example.com')).toBe(true);
    expect(await schedules.pause(tenantId, syncJob.name, 'c4', 'ana@example.com')).toBe(false);
    // The owner writes it again (a connector's edit): still paused.
    await schedules.upsert({
      job: syncJob,
      key: 'c4',
      tenantId,
      cron: '0 2 * * *',
      tz: 'UTC',
      payload: { connectorId: 'c4' },
    });
    const before = (await queuedSyncs()).length;
    clock = new Date(clock.getTime() + 3 * 86_400_000);
    await schedulesAt().tick();
    expect((await queuedSyncs()).filter((c) => c === 'c4')).toEqual([]);
    expect((await queuedSyncs()).length).toBe(before + 2); // c1 and c2 ran; c4 did not
    const listed = (await schedules.listForTenant(tenantId)).find((r) => r.key === 'c4')!;
    expect(listed.pause).toMatchObject({ pausedBy: 'ana@example.com' });
    // Another organization's pause of the same key is another pause.
    expect((await schedules.pausedKeys(syncJob.name)).has(`${tenantId}:c4`)).toBe(true);
    expect(await schedules.isPaused('00000000-0000-4000-8000-000000000000', syncJob.name, 'c4')).toBe(false);

    expect(await schedules.resume(tenantId, syncJob.name, 'c4')).toBe(true);
    // Its due time passed while paused: the next occurrence from now, not at once.
    expect((await schedules.get(syncJob, 'c4'))!.nextRunAt.getTime()).toBeGreaterThan(clock.getTime());
    await schedulesAt().tick();
    expect((await queuedSyncs()).filter((c) => c === 'c4')).toEqual([]);
  });
});

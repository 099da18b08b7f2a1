import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Harness,
  RFC,
  startHarness,
  TEST_READER,
} from '../../src/modules/sat-download/testing/sat-harness.js';

const YEAR = new Date().getUTCFullYear() - 1;

/**
 * "Package stored" and "ingestion queued" used to be two steps joined by a callback: a process
 * dying between them left a package in storage that nothing would ever ingest. Now the package's
 * state and its `sat.package.stored` event commit together, and the event is delivered until the
 * cfdi module has queued the ingestion.
 */
describe('a worker killed between "package stored" and "ingestion queued"', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({
      workers: false,
      sim: {
        timing: { acceptedSeconds: 1, processingSeconds: 1 },
        universe: {
          volumes: { [RFC]: { issuedPerMonth: 6, receivedPerMonth: 2 } },
          metadataRowsPerPackage: 2,
        },
      },
    });
    await h.registerFiel();
  });
  afterAll(() => h?.close());

  const count = async (sql: string) => Number((await h.sql<{ n: number }>(sql))[0]!.n);

  it('loses nothing: after a restart every stored package is ingested exactly once', async () => {
    await h.file({
      type: 'cfdi',
      direction: 'issued',
      period: { start: `${YEAR}-01-01`, end: `${YEAR}-01-31` },
    });
    await h.file({
      type: 'metadata',
      direction: 'received',
      period: { start: `${YEAR}-01-01`, end: `${YEAR}-01-31` },
    });
    await h.file({
      type: 'cfdi',
      direction: 'received',
      period: { start: `${YEAR}-02-01`, end: `${YEAR}-02-28` },
    });
    await h.server.ctx.services.satDownload.fileRequests(h.tenantId, RFC, TEST_READER);
    await h.admin('POST', '/__admin/clock/advance', { seconds: 30 });
    // Each download takes a while, so the worker is stopped in the middle of the conversation.
    await h.admin('POST', '/__admin/faults', {
      operation: 'descarga',
      kind: 'latency',
      ms: 800,
      count: 1000,
    });

    // A real worker downloads; it is killed the moment its first package is stored. It runs only
    // the SAT jobs (WORKER_JOBS), so it cannot have delivered the package's event first: the window
    // is held open on every machine instead of being a race against the delivery poll.
    const first = h.spawnWorker({ WORKER_JOBS: 'sat.*' });
    const storedAtKill = await h.until(
      'the first stored package',
      async () => {
        const n = await count("SELECT count(*)::int AS n FROM sat_packages WHERE state = 'stored'");
        return n > 0 ? n : undefined;
      },
      60_000,
    );
    process.kill(-first.pid!, 'SIGKILL');
    await new Promise((r) => first.once('exit', r));
    const queuedAtKill = await count(
      "SELECT count(*)::int AS n FROM event_deliveries WHERE consumer = 'cfdi.ingest-stored-package' AND status = 'done'",
    );
    // The window this test is about: stored, ingestion not yet queued.
    expect(queuedAtKill).toBeLessThan(storedAtKill);

    h.spawnWorker();
    await h.until(
      'every request downloaded and every package ingested',
      async () => {
        const open = await count(
          "SELECT count(*)::int AS n FROM sat_requests WHERE state IN ('pending','accepted','in_progress','ready')",
        );
        const waiting = await count(
          "SELECT count(*)::int AS n FROM sat_packages WHERE state <> 'stored' OR ingestion_state IS DISTINCT FROM 'completed'",
        );
        return open === 0 && waiting === 0;
      },
      120_000,
    );

    // Once each: one completed ingestion per package, every CFDI of the packages stored once.
    const perPackage = await h.sql<{ storage_key: string; completed: number }>(
      `SELECT p.storage_key, count(i.*) FILTER (WHERE i.state = 'completed')::int AS completed
       FROM sat_packages p LEFT JOIN cfdi_ingestions i ON i.source_object_key = p.storage_key AND i.tenant_id = p.tenant_id
       GROUP BY p.storage_key`,
    );
    expect(perPackage.length).toBeGreaterThanOrEqual(3);
    expect(perPackage.every((p) => p.completed === 1)).toBe(true);
    const read = await count(
      "SELECT coalesce(sum(read), 0)::int AS n FROM cfdi_ingestions WHERE state = 'completed' AND kind = 'cfdi'",
    );
    expect(read).toBeGreaterThan(0);
    expect(await count('SELECT count(*)::int AS n FROM cfdi_documents')).toBe(read);
    expect(await count("SELECT count(*)::int AS n FROM event_deliveries WHERE status <> 'done'")).toBe(0);
  });

  it('announces again a stored package whose ingestion never reported (the sweeper)', async () => {
    // As if its event had been lost: nothing pending, nothing reported.
    const [p] = await h.sql<{ id: string; storage_key: string }>(
      "SELECT id, storage_key FROM sat_packages WHERE kind = 'cfdi' LIMIT 1",
    );
    await h.sql(
      "UPDATE sat_packages SET ingestion_state = NULL, ingested_at = NULL, ingestion_requested_at = now() - interval '2 hours' WHERE id = $1",
      [p!.id],
    );
    const before = await count(
      `SELECT count(*)::int AS n FROM cfdi_ingestions WHERE source_object_key = '${p!.storage_key}'`,
    );
    expect(await h.server.ctx.services.satDownload.reannounceAwaitingIngestion()).toBe(1);
    await h.until(
      'the package ingested again',
      async () =>
        (await h.sql('SELECT ingestion_state FROM sat_packages WHERE id = $1', [p!.id]))[0]
          .ingestion_state === 'completed',
      60_000,
    );
    expect(
      await count(
        `SELECT count(*)::int AS n FROM cfdi_ingestions WHERE source_object_key = '${p!.storage_key}'`,
      ),
    ).toBe(before + 1);
    // Ingesting again stored nothing twice.
    const read = await count(
      "SELECT coalesce(sum(read), 0)::int AS n FROM cfdi_ingestions WHERE state = 'completed' AND kind = 'cfdi' AND duplicates = 0",
    );
    expect(await count('SELECT count(*)::int AS n FROM cfdi_documents')).toBe(read);
  });
});

import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { createTestDatabase } from '../../../../../test/support/database.js';
import { createPubSub } from '../../../../platform/cache/index.js';
import { createEvents } from '../../../../platform/events/index.js';
import { createJobs, type Jobs } from '../../../../platform/jobs/jobs.js';
import { createNotifications } from '../../../../platform/notify/index.js';
import { createFsObjectStore, type ObjectStore } from '../../../../platform/storage/index.js';
import { type CfdiIngestionOptions, createCfdiIngestion } from '../cfdi-ingestion.js';

/** A fresh database, a file object store and two tenants; integration tests only. */
export async function createIngestionKit() {
  const db = await createTestDatabase();
  const dir = await mkdtemp(path.join(tmpdir(), 'boveda-ingest-test-'));
  const storage: ObjectStore = createFsObjectStore({ rootDir: path.join(dir, 'objects') });
  const jobs: Jobs = createJobs({
    connectionString: db.url,
    pollingIntervalSeconds: 0.5,
    supervise: false,
    onError: () => {},
  });
  const logger = pino({ level: 'silent' });
  const pubsub = await createPubSub();
  const notifications = createNotifications({ connectionString: db.url, onError: () => {} });
  const events = createEvents({
    pool: db.pool,
    transaction: db.transaction,
    jobs,
    pubsub,
    notifications,
    onError: () => {},
  });
  const tenant = async (slug: string) => {
    const { rows } = await db.pool.query<{ id: string }>(
      'INSERT INTO tenants (slug, name) VALUES ($1, $1) RETURNING id',
      [slug],
    );
    return rows[0]!.id;
  };
  const ingestion = (extra: Partial<CfdiIngestionOptions> = {}) =>
    createCfdiIngestion({
      pool: db.pool,
      transaction: db.transaction,
      events,
      storage,
      jobs,
      logger,
      tempDir: dir,
      ...extra,
    });
  return {
    db,
    storage,
    jobs,
    tenantA: await tenant('tenant-a'),
    tenantB: await tenant('tenant-b'),
    ingestion,
    events,
    async close() {
      await pubsub.close();
      await notifications.close();
      await db.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

export type IngestionKit = Awaited<ReturnType<typeof createIngestionKit>>;

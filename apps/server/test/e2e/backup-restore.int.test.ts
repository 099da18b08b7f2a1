import { createHash, randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { copyFile, mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type AppContext, createAppContext } from '../../src/app/context.js';
import { type Harness, RFC, startHarness } from '../../src/modules/sat-download/testing/sat-harness.js';
import { type Receiver, startReceiver } from '../../src/modules/webhooks/testing/receiver.js';
import {
  type BackupResult,
  createBackup,
  RESTORE_MARKER_KEY,
  RestoreRefusedError,
  restoreBackup,
} from '../../src/platform/backup/index.js';
import { loadConfig } from '../../src/platform/config/config.js';
import { loadMasterKeyring, type MasterKeyring } from '../../src/platform/crypto/index.js';
import { createObjectStore, type ObjectStore } from '../../src/platform/storage/index.js';

const YEAR = new Date().getUTCFullYear() - 1;
const fixtures = path.resolve(import.meta.dirname, '../../../../test-fixtures');
const LINES = [{ sku: 'MART-01', description: 'Martillo de uña 16 oz', quantity: 3, unitPrice: '33.33' }];

/** A new, empty database on the run's server (no migrations: a restore applies them). */
async function emptyDatabase() {
  const adminUrl = inject('adminDatabaseUrl');
  const name = `t_restore_${randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const pool = new pg.Pool({ connectionString: url.toString(), max: 3 });
  return {
    url: url.toString(),
    pool,
    async drop() {
      await pool.end();
      const c = new pg.Client({ connectionString: adminUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

/** Row count and a hash of every row's text, per table of the public schema. */
async function tableDigests(pool: pg.Pool): Promise<Record<string, string>> {
  const { rows: tables } = await pool.query<{ name: string }>(
    `SELECT relname::text AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND NOT c.relispartition ORDER BY 1`,
  );
  const out: Record<string, string> = {};
  for (const { name } of tables) {
    const { rows } = await pool.query<{ n: number; h: string }>(
      `SELECT count(*)::int AS n, md5(coalesce(string_agg(x::text, E'\\n' ORDER BY x::text), '')) AS h
         FROM public."${name}" x`,
    );
    out[name] = `${rows[0]!.n}:${rows[0]!.h}`;
  }
  return out;
}

async function sequenceValues(pool: pg.Pool): Promise<Record<string, string>> {
  const { rows } = await pool.query<{ name: string; v: string }>(
    `SELECT sequencename::text AS name, coalesce(last_value::text, 'null') AS v FROM pg_sequences
      WHERE schemaname = 'public' ORDER BY 1`,
  );
  return Object.fromEntries(rows.map((r) => [r.name, r.v]));
}

async function objectDigests(store: ObjectStore): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for await (const o of store.list('')) {
    out[o.key] = createHash('sha256')
      .update(await store.getBuffer(o.key))
      .digest('hex');
  }
  return out;
}

async function backupTo(file: string, h: Harness): Promise<BackupResult & { archiveBytes: number }> {
  const { ctx } = h.server;
  const result = await createBackup({
    pool: ctx.database.pool,
    storage: ctx.storage,
    keyring: ctx.keyring,
    out: createWriteStream(file),
  });
  return { ...result, archiveBytes: (await stat(file)).size };
}

/**
 * Issue 18's proof: a data set built through the API (two organizations, the SAT test e.firma, a
 * year of CFDI downloaded from the SAT simulator and ingested, an inbox upload, a webhook endpoint,
 * clients and orders), backed up while the server runs, restored into a new database and a new
 * storage folder: every table and every object equal, the e.firma decrypts; a wrong master key and
 * a non-empty target are refused before anything is written.
 */
describe('boveda backup / restore', () => {
  let h: Harness;
  let rx: Receiver;
  let adminKey: string;
  let otherKey: string;
  let tenantB: string;
  let work: string;
  const cleanups: (() => Promise<unknown>)[] = [];

  const call = async (method: string, url: string, body: unknown, key: string) => {
    const res = await fetch(`${h.server.url}${url}`, {
      method,
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : null };
  };
  let orderN = 0;
  const newOrder = async (key: string, clientId: string) => {
    const res = await call(
      'POST',
      '/api/v1/orders',
      { number: `PED-${++orderN}`, clientId, lines: LINES },
      key,
    );
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body.number as string;
  };

  beforeAll(async () => {
    work = await mkdtemp(path.join(os.tmpdir(), 'boveda-backup-test-'));
    rx = await startReceiver();
    h = await startHarness({
      sim: {
        timing: { acceptedSeconds: 1, processingSeconds: 1 },
        universe: { volumes: { [RFC]: { issuedPerMonth: 4, receivedPerMonth: 0 } } },
      },
      env: { OUTBOUND_ALLOWED_HOSTS: '127.0.0.1' },
    });
    await h.registerFiel();
    const [a] = await h.sql<{ slug: string }>('SELECT slug FROM tenants WHERE id = $1', [h.tenantId]);
    adminKey = (await h.server.createApiKey(a!.slug, 'admin')).key;
    const b = await h.server.seedUser({
      tenantName: 'Despacho B',
      email: 'b@example.com',
      password: 'long-password-b',
      role: 'owner',
    });
    tenantB = b.tenantId;
    otherKey = (await h.server.createApiKey(b.tenantSlug, 'admin')).key;

    // A year of issued CFDI from the SAT simulator, downloaded and ingested by the real pipeline.
    await h.file({
      type: 'cfdi',
      direction: 'issued',
      period: { start: `${YEAR}-01-01`, end: `${YEAR}-12-31` },
    });
    await h.satJobsIdle();
    await h.settle();
    await h.until('the packages ingested', async () => {
      const [r] = await h.sql<{ total: number; waiting: number }>(
        `SELECT count(*)::int AS total,
                count(*) FILTER (WHERE state <> 'stored' OR ingestion_state IS NULL)::int AS waiting
           FROM sat_packages WHERE tenant_id = $1`,
        [h.tenantId],
      );
      return r!.total > 0 && r!.waiting === 0;
    });

    // An inbox upload (read by the extraction job), a webhook endpoint, clients and orders in both.
    const form = new FormData();
    form.append(
      'file',
      new Blob([new Uint8Array(await readFile(path.join(fixtures, 'cfdi/satcfdi-stamped-finkok.xml')))]),
      'factura.xml',
    );
    const upload = await fetch(`${h.server.url}/api/v1/invoices`, {
      method: 'POST',
      headers: { authorization: `Bearer ${h.key}` },
      body: form,
    });
    expect(upload.status).toBe(202);
    const invoiceId = ((await upload.json()) as { items: { id: string }[] }).items[0]!.id;
    await h.until('the inbox invoice read', async () => {
      const d = await h.api('GET', `/api/v1/invoices/${invoiceId}`);
      return d.body.status !== 'processing';
    });
    const endpoint = await call(
      'POST',
      '/api/v1/webhooks/endpoints',
      { url: rx.url('/hooks'), headers: { Authorization: 'Bearer receiver-secret' } },
      adminKey,
    );
    expect(endpoint.status, JSON.stringify(endpoint.body)).toBe(201);
    for (const [key, name] of [
      [adminKey, 'Constructora Bajío'],
      [otherKey, 'Ferretería del Norte'],
    ] as const) {
      const client = await call('POST', '/api/v1/clients', { name, email: `compras@${name.length}.mx` }, key);
      expect(client.status, JSON.stringify(client.body)).toBe(201);
      for (let i = 0; i < 3; i++) await newOrder(key, client.body.id);
    }
  }, 120_000);

  afterAll(async () => {
    for (const c of cleanups.reverse()) await c().catch(() => {});
    await h?.close();
    await rx?.close();
    if (work) await rm(work, { recursive: true, force: true });
  });

  let keyring: MasterKeyring;
  const newTarget = async () => {
    const db = await emptyDatabase();
    cleanups.push(() => db.drop());
    const dataDir = await mkdtemp(path.join(work, 'data-'));
    const storage = createObjectStore({ driver: 'fs', rootDir: path.join(dataDir, 'objects') });
    return { db, dataDir, storage };
  };

  it('backs up while the server writes, and restores a consistent snapshot', {
    timeout: 60_000,
  }, async () => {
    keyring = h.server.ctx.keyring;
    const [b] = await h.sql<{ id: string }>('SELECT id FROM clients WHERE tenant_id = $1', [tenantB]);
    const before = Number((await h.sql<{ n: number }>('SELECT count(*)::int AS n FROM orders'))[0]!.n);
    // Orders keep arriving through the API during the whole backup.
    let writing = true;
    const writes = (async () => {
      let n = 0;
      while (writing) {
        await newOrder(otherKey, b!.id);
        n++;
      }
      return n;
    })();
    const file = path.join(work, 'live.tar.gz');
    const result = await backupTo(file, h);
    writing = false;
    expect(await writes).toBeGreaterThan(0);
    expect(result.objectsIncluded).toBe(true);
    expect(result.masterKeyIds).toEqual(keyring.ids());
    // Counted for the operator, not archived; pg-boss's cron jobs come back by themselves.
    expect(result.pendingJobs).not.toHaveProperty('events.sweep');
    expect(result.pendingJobs).not.toHaveProperty('schedules.tick');

    const target = await newTarget();
    const restored = await restoreBackup({ file, pool: target.db.pool, storage: target.storage, keyring });
    expect(restored.rows).toBe(result.rows);
    const n = Number((await target.db.pool.query('SELECT count(*)::int AS n FROM orders')).rows[0].n);
    // Every order acknowledged before the backup started is there; some written during it may be.
    expect(n).toBeGreaterThanOrEqual(before);
    // The snapshot is consistent: each order has its first transition (written in its transaction).
    const orphans = await target.db.pool.query(
      'SELECT o.id FROM orders o WHERE NOT EXISTS (SELECT 1 FROM order_transitions t WHERE t.order_id = o.id)',
    );
    expect(orphans.rowCount).toBe(0);
  });

  it('restores into a new database and storage folder: every table, sequence and object equal; the e.firma decrypts', {
    timeout: 60_000,
  }, async () => {
    // Quiet the source (no requests, no jobs, no cron ticks) so it can be compared with the restore.
    await h.server.ctx.jobs.stop();
    const file = path.join(work, 'quiet.tar.gz');
    const result = await backupTo(file, h);
    const source = {
      tables: await tableDigests(h.server.ctx.database.pool),
      sequences: await sequenceValues(h.server.ctx.database.pool),
      objects: await objectDigests(h.server.ctx.storage),
    };
    expect(Object.keys(source.objects).length).toBe(result.objects);
    // The data set is what the test says it is.
    const count = (t: string) => Number(source.tables[t]!.split(':')[0]);
    expect(count('tenants')).toBe(2);
    expect(count('taxpayers')).toBe(1);
    expect(count('cfdi_documents')).toBeGreaterThan(10); // a year at ~4 a month
    expect(count('sat_packages')).toBeGreaterThan(0);
    expect(count('invoices')).toBe(1);
    expect(count('webhook_endpoints')).toBe(1);
    expect(count('orders')).toBeGreaterThanOrEqual(6);
    expect(count('audit_events')).toBeGreaterThan(0);
    expect(count('tenant_data_keys')).toBeGreaterThan(0);

    const target = await newTarget();
    const started = Date.now();
    const restored = await restoreBackup({ file, pool: target.db.pool, storage: target.storage, keyring });
    const restoreMs = Date.now() - started;
    expect(restored).toMatchObject({ tables: result.tables, rows: result.rows, objects: result.objects });
    expect(await tableDigests(target.db.pool)).toEqual(source.tables);
    expect(await sequenceValues(target.db.pool)).toEqual(source.sequences);
    // The indexes the restore set aside during the load are all back, as defined.
    const indexes = async (pool: pg.Pool) =>
      (await pool.query("SELECT indexdef FROM pg_indexes WHERE schemaname = 'public' ORDER BY 1")).rows;
    expect(await indexes(target.db.pool)).toEqual(await indexes(h.server.ctx.database.pool));
    expect(await objectDigests(target.storage)).toEqual(source.objects);
    expect(await target.storage.head(RESTORE_MARKER_KEY)).toBeNull();
    console.info(
      `backup: ${result.tables} tables, ${result.rows} rows, ${result.objects} objects, archive ${(
        (await stat(file)).size / 1024
      ).toFixed(0)} KiB in ${result.durationMs} ms; restore ${restoreMs} ms`,
    );

    // The restored instance opens the e.firma through the service that signs with it, with the
    // master key the operator kept apart (the key file copied into the new data folder).
    await copyFile(h.server.ctx.config.masterKeyFile, path.join(target.dataDir, 'master.key'));
    const ctx: AppContext = await createAppContext(
      loadConfig({
        NODE_ENV: 'test',
        DATABASE_URL: target.db.url,
        BOVEDA_DATA_DIR: target.dataDir,
        LOG_LEVEL: 'silent',
        SAT_TRUST_TEST_CA: 'true',
      }),
      { role: 'cli' },
    );
    try {
      const fiel = await ctx.services.taxpayers.openFiel(h.tenantId, RFC, {
        type: 'cli',
        label: 'test',
        command: 'backup-restore test',
      });
      expect(fiel.password).toBe(
        (await readFile(path.join(fixtures, 'efirma/fiel-EKU9003173C9-password.txt'), 'utf8')).trim(),
      );
      expect(fiel.certificateDer).toEqual(
        await readFile(path.join(fixtures, 'efirma/fiel-EKU9003173C9.cer')),
      );
      // The audit trail's hash chains came back intact (what `boveda audit verify` checks).
      for (const tenant of [h.tenantId, tenantB, null])
        expect(await ctx.services.audit.verifyChain(tenant)).toMatchObject({ ok: true });
    } finally {
      await ctx.close();
    }
  });

  it('refuses a wrong master key before writing anything', async () => {
    const file = path.join(work, 'quiet.tar.gz');
    const target = await newTarget();
    const wrong = await loadMasterKeyring({
      masterKey: randomBytes(32).toString('base64'),
      keyFile: path.join(target.dataDir, 'unused.key'),
      log: { info: () => {}, warn: () => {} },
    });
    const err = await restoreBackup({
      file,
      pool: target.db.pool,
      storage: target.storage,
      keyring: wrong,
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RestoreRefusedError);
    expect(err).toMatchObject({ reason: 'wrong-master-key' });
    expect((err as Error).message).toContain(keyring.ids()[0]);
    // Not a table created, not an object written.
    const { rows } = await target.db.pool.query(
      `SELECT count(*)::int AS n FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname IN ('public', 'drizzle') AND c.relkind = 'r'`,
    );
    expect(rows[0].n).toBe(0);
    expect(await objectDigests(target.storage)).toEqual({});
  });

  it('refuses a target database or storage that holds data', async () => {
    const file = path.join(work, 'quiet.tar.gz');
    const intoSource = await restoreBackup({
      file,
      pool: h.server.ctx.database.pool,
      storage: h.server.ctx.storage,
      keyring,
    }).catch((e: unknown) => e);
    expect(intoSource).toMatchObject({ reason: 'target-not-empty' });
    expect((intoSource as Error).message).toMatch(/not empty/);

    // An empty database but a storage folder with something in it.
    const target = await newTarget();
    await target.storage.put('tenants/x/leftover.txt', 'x');
    const intoFolder = await restoreBackup({
      file,
      pool: target.db.pool,
      storage: target.storage,
      keyring,
    }).catch((e: unknown) => e);
    expect(intoFolder).toMatchObject({ reason: 'target-not-empty' });

    // What a restore killed while copying objects leaves: an empty database, objects, its marker.
    const killed = await newTarget();
    await killed.storage.put('tenants/x/leftover.txt', 'x');
    await killed.storage.put(RESTORE_MARKER_KEY, '{}');
    const again = await restoreBackup({ file, pool: killed.db.pool, storage: killed.storage, keyring }).catch(
      (e: unknown) => e,
    );
    expect(again).toMatchObject({ reason: 'interrupted-restore' });
  });

  it('refuses a damaged archive before writing anything', async () => {
    const bytes = await readFile(path.join(work, 'quiet.tar.gz'));
    const truncated = path.join(work, 'truncated.tar.gz');
    await import('node:fs/promises').then((fs) =>
      fs.writeFile(truncated, bytes.subarray(0, bytes.length - 4096)),
    );
    const target = await newTarget();
    const err = await restoreBackup({
      file: truncated,
      pool: target.db.pool,
      storage: target.storage,
      keyring,
    }).catch((e: unknown) => e);
    expect(err).toMatchObject({ reason: 'archive-invalid' });
    const { rows } = await target.db.pool.query(
      `SELECT count(*)::int AS n FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname IN ('public', 'drizzle') AND c.relkind = 'r'`,
    );
    expect(rows[0].n).toBe(0);
  });
});

import { type ChildProcess, spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { type RunningSimulator, type SimulatorOptions, startSimulator } from '@boveda/sat-simulator';
import { bovedaBin } from '../../../../test/support/cli-process.js';
import { startTestServer, type TestServer } from '../../../../test/support/test-server.js';
import { registerWorkers } from '../../../app/workers.js';
import type { JobReader } from '../../../platform/crypto/index.js';
import { readCfdiPackage, readMetadataPackage } from '../../cfdi/index.js';

export const RFC = 'EKU9003173C9';
/** Who opens the e.firma when a test drives the conversation itself instead of through a job. */
export const TEST_READER: JobReader = { type: 'job', job: 'test.sat-conversation', jobId: 'test' };
const fixtures = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../../../../../test-fixtures/efirma',
);

/**
 * Waits until no filing or sync job of the organization is queued, retrying or running. A sync
 * asked for while another holds the taxpayer's lock is dropped (deduplicated, or skipped as busy)
 * and the requests then wait for the next scheduled look, a minute or more away: a test that
 * triggers a sync after an earlier conversation must let that one end first.
 */
export async function waitForSatJobsIdle(
  pool: { query(text: string, values: unknown[]): Promise<{ rows: { n: number }[] }> },
  tenantId: string,
  timeoutMs = 30_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    // Jobs store `{ payload, attempt }` (platform/jobs); older rows the bare payload.
    const { rows } = await pool.query(
      `SELECT count(*)::int AS n FROM pgboss.job
        WHERE name IN ('sat.file-requests', 'sat.sync-taxpayer', 'sat.sync')
          AND state IN ('created', 'retry', 'active')
          AND coalesce(data->'payload'->>'tenantId', data->>'tenantId') = $1`,
      [tenantId],
    );
    if (rows[0]!.n === 0) return;
    if (Date.now() > deadline) throw new Error('SAT jobs still queued or running');
    await sleep(100);
  }
}

export interface Harness {
  sim: RunningSimulator;
  server: TestServer;
  tenantId: string;
  key: string;
  api<T = any>(
    method: string,
    url: string,
    body?: unknown,
    key?: string,
  ): Promise<{ status: number; body: T }>;
  admin<T = any>(method: string, url: string, body?: unknown): Promise<T>;
  registerFiel(): Promise<void>;
  /** Polls until `check` returns a truthy value (or fails after `timeoutMs`). */
  until<T>(what: string, check: () => Promise<T | undefined | null | false>, timeoutMs?: number): Promise<T>;
  requests(rfc?: string): Promise<any[]>;
  /** Until no filing or sync job of this organization is queued or running (`waitForSatJobsIdle`). */
  satJobsIdle(): Promise<void>;
  detail(id: string): Promise<any>;
  /** Files a single request through the API; returns its id. */
  file(body: unknown): Promise<string>;
  /**
   * Drives the conversation in this process (no job timing involved): files what is pending, then
   * advances the simulated clock and syncs until nothing is open, at most `rounds` times.
   */
  settle(opts?: { advanceSeconds?: number; rounds?: number }): Promise<void>;
  sql<T = any>(text: string, params?: unknown[]): Promise<T[]>;
  /**
   * A real `boveda worker` process on the same database, storage and master key as the test app
   * (its own process group, so a test can SIGKILL it); `close()` kills what is still running.
   */
  spawnWorker(env?: Record<string, string>): ChildProcess;
  close(): Promise<void>;
}

/**
 * The real app on its own database, with its job workers, talking to the SAT simulator as a real
 * HTTP server on 127.0.0.1. Nothing of ours is mocked.
 */
export async function startHarness(
  opts: { sim?: SimulatorOptions; env?: Record<string, string>; workers?: boolean } = {},
): Promise<Harness> {
  const sim = await startSimulator({ seed: 'boveda-test', ...opts.sim });
  const server = await startTestServer({
    // Long enough for a loaded CI machine (two test files, Chromium and PostgreSQL on two cores):
    // a SAT call that times out there fails a request that a test expects to go through. Tests of
    // timeouts set their own.
    env: { SAT_ENDPOINTS: sim.url, SAT_HTTP_TIMEOUT_MS: '5000', ...opts.env },
  });
  if (opts.workers ?? true) await registerWorkers(server.ctx);
  const seeded = await server.seedUser({
    tenantName: `Despacho ${Math.random().toString(36).slice(2, 8)}`,
    email: `owner-${Math.random().toString(36).slice(2, 8)}@example.com`,
    password: 'correct horse battery staple 42',
    role: 'owner',
  });
  const key = (await server.createApiKey(seeded.tenantSlug, 'member')).key;
  const adminKey = (await server.createApiKey(seeded.tenantSlug, 'admin')).key;

  const api: Harness['api'] = async (method, url, body, k = key) => {
    const res = await fetch(`${server.url}${url}`, {
      method,
      headers: { authorization: `Bearer ${k}`, ...(body ? { 'content-type': 'application/json' } : {}) },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : null };
  };
  const admin = async <T = any>(method: string, url: string, body?: unknown): Promise<T> => {
    const res = await fetch(`${sim.url}${url}`, {
      method,
      headers: body ? { 'content-type': 'application/json' } : {},
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
    if (!res.ok) throw new Error(`simulator ${method} ${url}: ${res.status} ${await res.text()}`);
    return (await res.json()) as T;
  };

  const children: ChildProcess[] = [];
  return {
    sim,
    server,
    tenantId: seeded.tenantId,
    key,
    api,
    admin,
    async registerFiel() {
      const form = new FormData();
      form.append(
        'certificate',
        new Blob([await readFile(path.join(fixtures, 'fiel-EKU9003173C9.cer'))]),
        'a.cer',
      );
      form.append(
        'privateKey',
        new Blob([await readFile(path.join(fixtures, 'fiel-EKU9003173C9.key'))]),
        'a.key',
      );
      form.append(
        'password',
        (await readFile(path.join(fixtures, 'fiel-EKU9003173C9-password.txt'), 'utf8')).trim(),
      );
      const res = await fetch(`${server.url}/api/v1/taxpayers`, {
        method: 'POST',
        headers: { authorization: `Bearer ${adminKey}` },
        body: form,
      });
      if (res.status !== 201) throw new Error(`register e.firma: ${res.status} ${await res.text()}`);
    },
    async until(what, check, timeoutMs = 30_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const value = await check();
        if (value) return value;
        if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
        await sleep(150);
      }
    },
    async requests(rfc = RFC) {
      const items: any[] = [];
      let cursor: string | null = null;
      do {
        const page: { body: { items: any[]; nextCursor: string | null } } = await api(
          'GET',
          `/api/v1/taxpayers/${rfc}/sat-requests?limit=200${cursor ? `&cursor=${cursor}` : ''}`,
        );
        items.push(...page.body.items);
        cursor = page.body.nextCursor;
      } while (cursor);
      return items;
    },
    satJobsIdle: () => waitForSatJobsIdle(server.ctx.database.pool, seeded.tenantId),
    async detail(id) {
      return (await api('GET', `/api/v1/taxpayers/${RFC}/sat-requests/${id}`)).body;
    },
    async file(body) {
      const res = await api('POST', `/api/v1/taxpayers/${RFC}/sat-requests`, body);
      if (res.status !== 201) throw new Error(`file: ${res.status} ${JSON.stringify(res.body)}`);
      return res.body.id;
    },
    async settle({ advanceSeconds = 30, rounds = 8 } = {}) {
      const sat = server.ctx.services.satDownload;
      await sat.fileRequests(seeded.tenantId, RFC, TEST_READER);
      for (let i = 0; i < rounds; i++) {
        const open = await server.ctx.database.pool.query(
          "SELECT 1 FROM sat_requests WHERE tenant_id = $1 AND state IN ('pending','accepted','in_progress','ready') AND needs_attention_reason IS NULL",
          [seeded.tenantId],
        );
        if (open.rowCount === 0) return;
        await admin('POST', '/__admin/clock/advance', { seconds: advanceSeconds });
        await sat.syncNow(seeded.tenantId, TEST_READER);
      }
    },
    async sql(text, params = []) {
      return (await server.ctx.database.pool.query(text, params)).rows;
    },
    spawnWorker(env = {}) {
      const child = spawn(process.execPath, [bovedaBin, 'worker'], {
        detached: true,
        stdio: 'ignore',
        env: {
          ...process.env,
          DATABASE_URL: server.ctx.database.url,
          BOVEDA_DATA_DIR: server.ctx.config.dataDir,
          SAT_ENDPOINTS: sim.url,
          SAT_HTTP_TIMEOUT_MS: '5000',
          SAT_TRUST_TEST_CA: 'true',
          JOBS_POLL_SECONDS: '0.5',
          LOG_LEVEL: 'silent',
          NODE_ENV: 'test',
          ...env,
        },
      });
      children.push(child);
      return child;
    },
    async close() {
      for (const c of children) {
        if (c.exitCode !== null || c.signalCode !== null) continue;
        process.kill(-c.pid!, 'SIGKILL');
        await new Promise((r) => c.once('exit', r));
      }
      await server.close();
      await sim.close();
    },
  };
}

/** The UUIDs inside a stored package, read from the CFDI (TFD) or the metadata rows, upper-case. */
export async function uuidsInPackage(zip: Buffer, kind: 'cfdi' | 'metadata'): Promise<string[]> {
  const uuids: string[] = [];
  if (kind === 'cfdi') {
    for await (const item of readCfdiPackage(zip)) {
      if (!item.ok) throw new Error(`bad CFDI in package: ${item.reason}`);
      uuids.push(item.cfdi.uuid!.toUpperCase());
    }
  } else {
    for await (const item of readMetadataPackage(zip)) {
      if (!item.ok) {
        if (item.skipped) continue;
        throw new Error(`bad metadata row: ${item.reason}`);
      }
      uuids.push(item.row.uuid.toUpperCase());
    }
  }
  return uuids;
}

export const ACTIVE = ['pending', 'accepted', 'in_progress', 'ready'];

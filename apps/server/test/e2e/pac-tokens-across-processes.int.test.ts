import type { ChildProcess } from 'node:child_process';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { type RunningFacturifySimulator, startFacturifySimulator } from '@boveda/facturify-simulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, spawnProcesses, stopProcesses } from '../support/cli-process.js';
import { createTestDatabase } from '../support/database.js';
import { connectTestRedis } from '../support/redis.js';
import { registerTestEfirma } from '../support/test-efirma.js';

const CREDS = { apiKey: 'processes-facturify-key', apiSecret: 'processes-facturify-secret' };
const redis = await connectTestRedis('the PAC tokens across processes test');

const invoice = {
  issuerRfc: 'EKU9003173C9',
  formaPago: '03',
  receptor: {
    rfc: 'XIA190128J61',
    nombre: 'XENON INDUSTRIAL ARTICLES',
    regimenFiscal: '601',
    codigoPostal: '76343',
    usoCfdi: 'G03',
  },
  conceptos: [
    {
      claveProdServ: '84111506',
      claveUnidad: 'E48',
      cantidad: '1',
      descripcion: 'Honorarios',
      valorUnitario: '1000.00',
      traslados: [{ impuesto: '002', tasa: '0.160000' }],
    },
  ],
};

/**
 * Two `boveda api` processes and a `boveda worker` on one PostgreSQL and Redis, against the
 * Facturify simulator with short-lived tokens (14 s) that a refresh blacklists at once: while the
 * apis hand out tokens and the worker stamps, the PAC sees one `/auth`, one refresh per window,
 * and no call fails.
 */
describe.runIf(redis)('Facturify tokens across api and worker processes', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let sim: RunningFacturifySimulator;
  let dataDir: string;
  let env: NodeJS.ProcessEnv;
  let children: ChildProcess[] = [];
  let apis: string[] = [];
  let key = '';

  beforeAll(async () => {
    database = await createTestDatabase();
    sim = await startFacturifySimulator({
      ...CREDS,
      expiresInUnit: 'seconds',
      tokenTtlSeconds: 14,
      refreshedTokenTtlSeconds: 14,
      refreshTtlSeconds: 3_600,
      blacklistGraceSeconds: 0,
    });
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'boveda-pac-processes-'));
    await chmod(dataDir, 0o755);
    env = {
      ...process.env,
      DATABASE_URL: database.url,
      REDIS_URL: redis!.url,
      REDIS_KEY_PREFIX: redis!.prefix,
      BOVEDA_DATA_DIR: dataDir,
      SAT_TRUST_TEST_CA: 'true',
      JOBS_POLL_SECONDS: '0.5',
      LOG_LEVEL: 'silent',
      NODE_ENV: 'test',
      FACTURIFY_BASE_URL: sim.url,
      FACTURIFY_API_KEY: CREDS.apiKey,
      FACTURIFY_API_SECRET: CREDS.apiSecret,
      // A 14 s token is refreshed 6 s before it expires (after 8 s), and blocks no one before 9 s.
      FACTURIFY_TOKEN_REFRESH_BUFFER: '6',
      FACTURIFY_RETRY_BASE_MS: '50',
    };
    ({ children, apis } = await spawnProcesses(env, ['api', 'api', 'worker']));
    const tenant = await runCli(['tenant', 'create', 'Despacho Procesos', '--json'], env);
    const { slug } = JSON.parse(tenant.stdout) as { slug: string };
    key = JSON.parse(
      (
        await runCli(
          ['apikey', 'create', '--tenant', slug, '--role', 'admin', '--scope', 'pac:token', '--json'],
          env,
        )
      ).stdout,
    ).key;
    expect(await registerTestEfirma(apis[0]!, key)).toBe(201);
  }, 180_000);

  afterAll(async () => {
    await stopProcesses(children);
    await sim?.close();
    await database?.close();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
    await redis?.close();
  });

  it('one /auth, one refresh per window, and every token and stamp served, for 20 s', async () => {
    const call = (api: string, method: string, url: string, body?: unknown) =>
      fetch(`${api}${url}`, {
        method,
        headers: { authorization: `Bearer ${key}`, ...(body ? { 'content-type': 'application/json' } : {}) },
        ...(body ? { body: JSON.stringify(body) } : {}),
      });
    const started = Date.now();
    const tokenStatuses: number[] = [];
    const invoiceIds: string[] = [];
    const tokens = new Set<string>();
    for (let i = 0; Date.now() - started < 20_000; i++) {
      const api = apis[i % 2]!;
      const res = await call(api, 'GET', '/api/v1/facturify/auth/token');
      tokenStatuses.push(res.status);
      if (res.ok) tokens.add(((await res.json()) as { token: string }).token);
      if (i % 10 === 0) {
        const created = await call(api, 'POST', '/api/v1/pac/invoices', invoice);
        expect(created.status).toBe(202);
        invoiceIds.push(((await created.json()) as { id: string }).id);
      }
      await new Promise((r) => setTimeout(r, 150));
    }
    expect(tokenStatuses.every((s) => s === 200)).toBe(true);
    // Every invoice stamped by the worker with the shared token (a stale one would be refused).
    const deadline = Date.now() + 30_000;
    let statuses: string[] = [];
    while (Date.now() < deadline) {
      statuses = await Promise.all(
        invoiceIds.map(
          async (id) =>
            ((await (await call(apis[0]!, 'GET', `/api/v1/pac/invoices/${id}`)).json()) as { status: string })
              .status,
        ),
      );
      if (statuses.every((s) => s === 'stamped' || s === 'failed')) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    expect(statuses.length).toBeGreaterThan(5);
    expect(statuses.every((s) => s === 'stamped')).toBe(true);
    const calls = sim.calls();
    expect(calls.auth).toBe(1);
    // 20 s of 14 s tokens refreshed 8 s into their life: two windows, three at the edge — never
    // one refresh per process or per request.
    expect(calls.refresh).toBeGreaterThanOrEqual(1);
    expect(calls.refresh).toBeLessThanOrEqual(3);
    expect(tokens.size).toBe(calls.refresh + 1);
  }, 120_000);
});

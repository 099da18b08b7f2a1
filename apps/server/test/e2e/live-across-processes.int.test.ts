import type { ChildProcess } from 'node:child_process';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type RunningSimulator, startSimulator } from '@boveda/sat-simulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  browserTestsEnabled,
  ensureWebBuilt,
  launchBrowser,
  signInThroughForm,
} from '../../../web/e2e/support/browser.js';
import { runCli, spawnProcesses, stopProcesses } from '../support/cli-process.js';
import { createTestDatabase } from '../support/database.js';
import { openEventStream } from '../support/event-stream.js';
import { connectTestRedis } from '../support/redis.js';
import { registerTestEfirma } from '../support/test-efirma.js';

const _fixtures = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../../../test-fixtures/efirma',
);
const RFC = 'EKU9003173C9';
const redis = await connectTestRedis('the multi-process live test');

/**
 * Two `boveda api` processes and one `boveda worker` on one PostgreSQL and Redis, as behind a load
 * balancer: a client connected to either api hears every change, whichever process made it.
 */
describe.runIf(redis)('live events across api and worker processes', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let sim: RunningSimulator;
  let dataDir: string;
  let env: NodeJS.ProcessEnv;
  let children: ChildProcess[] = [];
  let apis: string[] = [];
  let key = '';
  let slug = '';
  const person = { email: 'en-vivo@despacho.mx', password: 'Tres-tristes-tigres-2026' };

  beforeAll(async () => {
    database = await createTestDatabase();
    sim = await startSimulator({ seed: 'boveda-live', timing: { acceptedSeconds: 1, processingSeconds: 1 } });
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'boveda-live-'));
    await chmod(dataDir, 0o755);
    env = {
      ...process.env,
      DATABASE_URL: database.url,
      REDIS_URL: redis!.url,
      // Its own keys and channels: the other CI phase, or another run, may share this Redis.
      REDIS_KEY_PREFIX: redis!.prefix,
      BOVEDA_DATA_DIR: dataDir,
      SAT_ENDPOINTS: sim.url,
      SAT_TRUST_TEST_CA: 'true',
      JOBS_POLL_SECONDS: '0.5',
      LOG_LEVEL: 'silent',
      NODE_ENV: 'test',
    };
    ({ children, apis } = await spawnProcesses(env, ['api', 'api', 'worker']));
    const tenant = await runCli(['tenant', 'create', 'Despacho En Vivo', '--json'], env);
    ({ slug } = JSON.parse(tenant.stdout));
    key = JSON.parse(
      (await runCli(['apikey', 'create', '--tenant', slug, '--role', 'admin', '--json'], env)).stdout,
    ).key;
    expect(await registerTestEfirma(apis[0]!, key)).toBe(201);
  });
  afterAll(async () => {
    await stopProcesses(children);
    await sim?.close();
    await database?.close();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
    await redis?.close();
  });

  it('a client of either api sees a request created on the other and moved by the worker', async () => {
    const streams = await Promise.all(
      apis.map((url) => openEventStream(`${url}/api/v1/events`, { authorization: `Bearer ${key}` })),
    );
    const year = new Date().getUTCFullYear() - 1;
    const filed = await fetch(`${apis[0]}/api/v1/taxpayers/${RFC}/sat-requests`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        type: 'metadata',
        direction: 'issued',
        period: { start: `${year}-03-01`, end: `${year}-03-31` },
      }),
    });
    expect(filed.status).toBe(201);
    const { id } = (await filed.json()) as { id: string };
    const isMove = (to: string) => (e: { json?: any }) =>
      e.json?.type === 'sat.request.state_changed' &&
      e.json.payload.requestId === id &&
      e.json.payload.to === to;
    for (const stream of streams) {
      // Created by api 0 (in the request that wrote it) …
      await stream.next(isMove('pending'));
      // … filed with the SAT by the worker process.
      await stream.next(isMove('accepted'), 30_000);
    }
    for (const s of streams) await s.close();
  });

  it.runIf(browserTestsEnabled)(
    'a browser signed in on one api shows a request filed on the other move to accepted, without polling',
    async () => {
      await ensureWebBuilt();
      const created = await runCli(
        ['user', 'create', '--tenant', slug, '--email', person.email, '--role', 'member', '--password-stdin'],
        env,
        `${person.password}\n`,
      );
      expect(created.code).toBe(0);
      const browser = await launchBrowser();
      try {
        const page = await browser.context.newPage();
        // The browser talks to the second api only; the request is filed on the first.
        await signInThroughForm(page, `${apis[1]}/contribuyentes/${RFC}`, person);
        await page.getByRole('heading', { name: `Solicitudes SAT de ${RFC}`, level: 1 }).waitFor();
        const rows = page.locator('tr[data-request-id]');
        await expect.poll(() => rows.count()).toBeGreaterThan(0);
        const before = await rows.count();
        let listFetches = 0;
        page.on('request', (r) => {
          if (new URL(r.url()).pathname.endsWith('/sat-requests')) listFetches++;
        });
        // Quiet first: with nothing happening, the page asks for nothing.
        await page.waitForTimeout(3_000);
        expect(listFetches).toBe(0);

        const year = new Date().getUTCFullYear() - 1;
        const filed = await fetch(`${apis[0]}/api/v1/taxpayers/${RFC}/sat-requests`, {
          method: 'POST',
          headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
          body: JSON.stringify({
            type: 'metadata',
            direction: 'received',
            period: { start: `${year}-05-01`, end: `${year}-05-31` },
          }),
        });
        expect(filed.status).toBe(201);
        const { id } = (await filed.json()) as { id: string };
        const row = page.locator(`tr[data-request-id="${id}"]`);
        await expect.poll(() => rows.count(), { timeout: 10_000 }).toBe(before + 1);
        // Filed with the SAT by the worker process; the second api hears it through Redis.
        await expect.poll(() => row.getAttribute('data-state'), { timeout: 30_000 }).toBe('accepted');
      } finally {
        await browser.close();
      }
    },
  );
});

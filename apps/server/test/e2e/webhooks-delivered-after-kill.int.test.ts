import { type ChildProcess, spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publishFailedDocuments } from '../../src/modules/webhooks/testing/document-events.js';
import { type Receiver, startReceiver } from '../../src/modules/webhooks/testing/receiver.js';
import {
  startWebhooksHarness,
  type WebhooksHarness,
  waitFor,
} from '../../src/modules/webhooks/testing/webhooks-harness.js';
import { bovedaBin } from '../support/cli-process.js';

const EVENTS = 150;

/**
 * Delivery is at least once across crashes: a worker killed with attempts in flight (and events not
 * yet fanned out) loses nothing. Its claims come back when their lease ends and another worker
 * sends them; the receiver may see a message twice, never zero times.
 */
describe('a webhook worker killed in the middle of deliveries', () => {
  let h: WebhooksHarness;
  let rx: Receiver;
  const children: ChildProcess[] = [];
  beforeAll(async () => {
    // The API process runs no workers: the spawned ones do all the delivery.
    h = await startWebhooksHarness({}, { workers: false });
    rx = await startReceiver({ '/slow': () => ({ status: 200, delayMs: 150 }) });
  });
  afterAll(async () => {
    for (const c of children)
      if (c.exitCode === null && c.signalCode === null) process.kill(-c.pid!, 'SIGKILL');
    await rx?.close();
    await h?.close();
  });

  const spawnWorker = () => {
    const child = spawn(process.execPath, [bovedaBin, 'worker'], {
      detached: true,
      stdio: 'ignore',
      env: {
        ...process.env,
        DATABASE_URL: h.server.ctx.database.url,
        BOVEDA_DATA_DIR: h.server.ctx.config.dataDir,
        OUTBOUND_ALLOWED_HOSTS: '127.0.0.1',
        WEBHOOK_TIMEOUT_MS: '1000',
        WEBHOOK_RETRY_SCHEDULE: '1,1,1',
        WEBHOOK_ENDPOINT_CONCURRENCY: '8',
        JOBS_POLL_SECONDS: '0.5',
        LOG_LEVEL: 'silent',
        NODE_ENV: 'test',
      },
    });
    children.push(child);
    return child;
  };

  it('delivers every event at least once after a restart', async () => {
    const ep = await h.createEndpoint({ url: rx.url('/slow'), eventTypes: ['document.failed'] });
    await h.server.ctx.database.transaction((tx) =>
      publishFailedDocuments(
        h.server.ctx.events,
        tx,
        h.tenantA,
        Array.from({ length: EVENTS }, (_, i) => `k-${i}.pdf`),
      ),
    );
    const first = spawnWorker();
    await waitFor(() => rx.to('/slow').length >= 20 && true, 60_000);
    process.kill(-first.pid!, 'SIGKILL');
    await new Promise((r) => first.once('exit', r));
    const atKill = await h.sql<{ status: string; n: number }>(
      'SELECT status, count(*)::int AS n FROM webhook_deliveries WHERE endpoint_id = $1 GROUP BY status',
      [ep.id],
    );
    // The window this test is about: some work was not finished when the worker died.
    const doneAtKill = atKill.find((r) => r.status === 'succeeded')?.n ?? 0;
    expect(doneAtKill).toBeLessThan(EVENTS);

    spawnWorker();
    await waitFor(async () => {
      const [row] = await h.sql<{ n: number }>(
        "SELECT count(*)::int AS n FROM webhook_deliveries WHERE endpoint_id = $1 AND status = 'succeeded'",
        [ep.id],
      );
      return row!.n === EVENTS;
    }, 90_000);
    const names = new Set(rx.to('/slow').map((r) => JSON.parse(r.body).data.fileName as string));
    expect(names.size).toBe(EVENTS);
    const [pending] = await h.sql<{ n: number }>(
      "SELECT count(*)::int AS n FROM event_deliveries WHERE consumer = 'webhooks.fan-out' AND status <> 'done'",
    );
    expect(pending!.n).toBe(0);
  });
});

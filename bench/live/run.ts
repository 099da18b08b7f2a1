/**
 * How fast a change reaches a live client on another process: two `boveda api` processes and one
 * `boveda worker` on one PostgreSQL and Redis (embedded PostgreSQL in a temporary data directory;
 * Redis from REDIS_URL or 127.0.0.1:6379), the bundled SAT simulator. A client streams
 * GET /api/v1/events from api B while requests are created through api A and filed by the worker.
 *
 *   node --import tsx bench/live/run.ts [--requests 30]
 *
 * Prints, per kind of change, the time from the change's commit to its arrival at the client on
 * the other process (target: under a second).
 */
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { chmod, mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { startSimulator } from '../../packages/sat-simulator/src/index.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const bin = path.join(root, 'apps/server/bin/boveda.mjs');
const requests = Number(process.argv[process.argv.indexOf('--requests') + 1] || 30) || 30;

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
const cli = (args: string[], env: NodeJS.ProcessEnv) =>
  new Promise<string>((resolve, reject) =>
    execFile(process.execPath, [bin, ...args], { env }, (err, out, errOut) =>
      err ? reject(new Error(errOut)) : resolve(out),
    ),
  );
const waitHttp = async (url: string) => {
  for (let i = 0; i < 400; i++) {
    if (
      await fetch(url).then(
        (r) => r.ok,
        () => false,
      )
    )
      return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${url} did not start`);
};
const stats = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const at = (p: number) => s[Math.min(s.length - 1, Math.floor(p * s.length))]!;
  return `n ${s.length}, p50 ${at(0.5).toFixed(0)} ms, p95 ${at(0.95).toFixed(0)} ms, max ${s.at(-1)!.toFixed(0)} ms`;
};

const sim = await startSimulator({
  seed: 'bench-live',
  timing: { acceptedSeconds: 1, processingSeconds: 1 },
});
const dataDir = await mkdtemp(path.join(tmpdir(), 'boveda-bench-live-'));
await chmod(dataDir, 0o755);
const env: NodeJS.ProcessEnv = {
  ...process.env,
  BOVEDA_DATA_DIR: dataDir,
  REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
  SAT_ENDPOINTS: sim.url,
  SAT_TRUST_TEST_CA: '1',
  JOBS_POLL_SECONDS: '0.5',
  LOG_LEVEL: 'warn',
  RATE_LIMIT_PER_MINUTE: '100000',
};
delete env.DATABASE_URL;
const children: ChildProcess[] = [];
try {
  // The first process starts the embedded PostgreSQL; the others share it (DATABASE_URL).
  const [portA, portB] = [await freePort(), await freePort()];
  children.push(
    spawn(process.execPath, [bin, 'api'], {
      env: { ...env, PORT: String(portA) },
      stdio: 'ignore',
      detached: true,
    }),
  );
  await waitHttp(`http://127.0.0.1:${portA}/health`);
  const pg = JSON.parse(await readFile(path.join(dataDir, 'postgres.json'), 'utf8')) as {
    port: number;
    user: string;
    password: string;
  };
  const shared = { ...env, DATABASE_URL: `postgres://${pg.user}:${pg.password}@127.0.0.1:${pg.port}/boveda` };
  children.push(
    spawn(process.execPath, [bin, 'api'], {
      env: { ...shared, PORT: String(portB) },
      stdio: 'ignore',
      detached: true,
    }),
  );
  children.push(spawn(process.execPath, [bin, 'worker'], { env: shared, stdio: 'ignore', detached: true }));
  await waitHttp(`http://127.0.0.1:${portB}/health`);
  const { slug } = JSON.parse(await cli(['tenant', 'create', 'Bench Live', '--json'], shared));
  const { key } = JSON.parse(
    await cli(['apikey', 'create', '--tenant', slug, '--role', 'admin', '--json'], shared),
  );
  const auth = { authorization: `Bearer ${key}` };
  const efirma = path.join(root, 'test-fixtures/efirma');
  const form = new FormData();
  form.append('certificate', new Blob([await readFile(path.join(efirma, 'fiel-EKU9003173C9.cer'))]), 'a.cer');
  form.append('privateKey', new Blob([await readFile(path.join(efirma, 'fiel-EKU9003173C9.key'))]), 'a.key');
  form.append('password', '12345678a');
  await fetch(`http://127.0.0.1:${portA}/api/v1/taxpayers`, { method: 'POST', headers: auth, body: form });

  // The client on api B.
  const latencies: Record<string, number[]> = {};
  const stream = await fetch(`http://127.0.0.1:${portB}/api/v1/events`, { headers: auth });
  const reader = stream.body!.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  const seen = new Set<string>();
  const reading = (async () => {
    for (;;) {
      const { value, done } = await reader.read().catch(() => ({ value: undefined, done: true }));
      if (done) return;
      buffer += decoder.decode(value, { stream: true });
      for (let cut = buffer.indexOf('\n\n'); cut >= 0; cut = buffer.indexOf('\n\n')) {
        const data = buffer
          .slice(0, cut)
          .split('\n')
          .find((l) => l.startsWith('data: '));
        buffer = buffer.slice(cut + 2);
        if (!data) continue;
        const event = JSON.parse(data.slice(6)) as {
          type: string;
          occurredAt: string;
          payload: { to?: string; requestId?: string };
        };
        if (event.type !== 'sat.request.state_changed') continue;
        // occurred_at is the transaction's start; the commit follows within milliseconds.
        const lag = Date.now() - Date.parse(event.occurredAt);
        const kind = `${event.payload.to === 'pending' ? 'created on api A' : `→ ${event.payload.to} by the worker`}`;
        latencies[kind] = [...(latencies[kind] ?? []), lag];
        seen.add(`${event.payload.requestId}:${event.payload.to}`);
      }
    }
  })();

  const started = performance.now();
  const ids: string[] = [];
  const year = new Date().getUTCFullYear() - 1;
  for (let i = 0; i < requests; i++) {
    const day = String((i % 28) + 1).padStart(2, '0');
    const month = String((Math.floor(i / 28) % 12) + 1).padStart(2, '0');
    const res = await fetch(`http://127.0.0.1:${portA}/api/v1/taxpayers/EKU9003173C9/sat-requests`, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json' },
      body: JSON.stringify({
        type: 'metadata',
        direction: 'issued',
        period: { start: `${year}-${month}-${day}`, end: `${year}-${month}-${day}` },
      }),
    });
    ids.push(((await res.json()) as { id: string }).id);
  }
  for (let i = 0; i < 240 && ids.some((id) => !seen.has(`${id}:accepted`)); i++)
    await new Promise((r) => setTimeout(r, 250));
  await reader.cancel();
  await reading;
  for (const [kind, xs] of Object.entries(latencies)) console.log(`${kind.padEnd(32)} ${stats(xs)}`);
  console.log(
    JSON.stringify({
      requests,
      seconds: +((performance.now() - started) / 1000).toFixed(1),
      ...Object.fromEntries(Object.entries(latencies).map(([k, xs]) => [k, Math.max(...xs)])),
    }),
  );
} finally {
  for (const c of children.reverse()) {
    try {
      process.kill(-c.pid!, 'SIGTERM');
    } catch {}
  }
  await new Promise((r) => setTimeout(r, 4000));
  await sim.close();
  await rm(dataDir, { recursive: true, force: true });
}

/**
 * Security figures of issue 9, measured against a real `boveda start` process (embedded
 * PostgreSQL in a temporary data directory) over HTTP, as an outside tester would:
 *
 *   node --import tsx bench/security/run.ts [--rounds 20]
 *
 * 1. An e.firma key asking for 4,000,000 PBKDF2 iterations: time to the 422 (target: well under 1 s).
 * 2. /health latency while keys at the accepted maximum (100,000 iterations) are being checked,
 *    two uploads at a time (target: under 100 ms).
 * 3. POST /api/v1/users for an email that has an account elsewhere vs. a new one: status and
 *    latency of each (target: the same answer, timing within noise).
 */
import { execFile, spawn } from 'node:child_process';
import { chmod, mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const bin = path.join(root, 'apps/server/bin/boveda.mjs');
const fixtures = path.join(root, 'test-fixtures/efirma');
const rounds = Number(process.argv[process.argv.indexOf('--rounds') + 1] || 20) || 20;

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
const cli = (args: string[], env: NodeJS.ProcessEnv, input?: string) =>
  new Promise<string>((resolve, reject) => {
    const child = execFile(process.execPath, [bin, ...args], { env }, (err, stdout, stderr) =>
      err ? reject(new Error(stderr || err.message)) : resolve(stdout),
    );
    if (input !== undefined) child.stdin?.end(input);
  });
const stats = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const at = (p: number) => s[Math.min(s.length - 1, Math.floor(p * s.length))]!;
  return { n: s.length, p50: at(0.5), p90: at(0.9), max: s.at(-1)! };
};
const ms = (x: number) => `${x.toFixed(1)} ms`;

const dataDir = await mkdtemp(path.join(tmpdir(), 'boveda-bench-security-'));
// Run as root, the embedded PostgreSQL's own user must be able to enter the data directory.
await chmod(dataDir, 0o755);
const port = await freePort();
const env: NodeJS.ProcessEnv = {
  ...process.env,
  BOVEDA_DATA_DIR: dataDir,
  PORT: String(port),
  LOG_LEVEL: 'warn',
  SAT_TRUST_TEST_CA: '1',
  RATE_LIMIT_PER_MINUTE: '100000',
};
delete env.DATABASE_URL;
delete env.REDIS_URL;
const server = spawn(process.execPath, [bin, 'start'], { env, stdio: 'ignore', detached: true });
const base = `http://127.0.0.1:${port}`;
try {
  for (let i = 0; ; i++) {
    if (
      await fetch(`${base}/health`).then(
        (r) => r.ok,
        () => false,
      )
    )
      break;
    if (i > 400) throw new Error('server did not start');
    await new Promise((r) => setTimeout(r, 250));
  }
  const { slug } = JSON.parse(await cli(['tenant', 'create', 'Bench A', '--json'], env));
  const { slug: other } = JSON.parse(await cli(['tenant', 'create', 'Bench B', '--json'], env));
  for (let i = 0; i < rounds; i++) {
    await cli(
      [
        'user',
        'create',
        '--tenant',
        other,
        '--email',
        `existing${i}@b.mx`,
        '--role',
        'member',
        '--password-stdin',
      ],
      env,
      'a-long-password\n',
    );
  }
  const { key } = JSON.parse(
    await cli(['apikey', 'create', '--tenant', slug, '--role', 'admin', '--json'], env),
  );
  const auth = { authorization: `Bearer ${key}` };
  const cer = await readFile(path.join(fixtures, 'fiel-EKU9003173C9.cer'));
  const upload = async (keyFile: string) => {
    const body = new FormData();
    body.append('certificate', new Blob([cer]), 'f.cer');
    body.append('privateKey', new Blob([await readFile(path.join(fixtures, keyFile))]), 'f.key');
    body.append('password', '12345678a');
    return fetch(`${base}/api/v1/taxpayers`, { method: 'POST', headers: auth, body });
  };

  // 1. The 4M-iteration key.
  const refusals: number[] = [];
  let refusedWith = '';
  for (let i = 0; i < rounds; i++) {
    const t = performance.now();
    const res = await upload('fiel-EKU9003173C9-4m-iterations.key');
    refusals.push(performance.now() - t);
    refusedWith = `${res.status} ${((await res.json()) as { code: string }).code}`;
  }
  const r = stats(refusals);
  console.log(
    `4M-iteration key refused (${refusedWith}): p50 ${ms(r.p50)}, p90 ${ms(r.p90)}, max ${ms(r.max)} over ${r.n}`,
  );

  // 2. /health while 100k-iteration keys are checked, two at a time.
  let uploading = true;
  const uploads = (async () => {
    for (let i = 0; i < Math.max(3, rounds / 4); i++) {
      const [a, b] = await Promise.all([
        upload('fiel-EKU9003173C9-100k-iterations.key'),
        upload('fiel-EKU9003173C9-100k-iterations.key'),
      ]);
      await a.arrayBuffer();
      await b.arrayBuffer();
      await fetch(`${base}/api/v1/taxpayers/EKU9003173C9`, { method: 'DELETE', headers: auth });
    }
    uploading = false;
  })();
  const health: number[] = [];
  while (uploading) {
    const t = performance.now();
    await fetch(`${base}/health`).then((res) => res.arrayBuffer());
    health.push(performance.now() - t);
    await new Promise((res) => setTimeout(res, 10));
  }
  await uploads;
  const h = stats(health);
  console.log(
    `/health during 100k-iteration key checks: p50 ${ms(h.p50)}, p90 ${ms(h.p90)}, max ${ms(h.max)} over ${h.n}`,
  );

  // 3. Inviting an existing person vs. a new email, interleaved.
  const timing: Record<'existing' | 'new', number[]> = { existing: [], new: [] };
  const statuses = new Set<string>();
  for (let i = 0; i < rounds; i++) {
    for (const kind of (i % 2 ? ['existing', 'new'] : ['new', 'existing']) as ('existing' | 'new')[]) {
      const email = kind === 'existing' ? `existing${i}@b.mx` : `new${i}@a.mx`;
      const t = performance.now();
      const res = await fetch(`${base}/api/v1/users`, {
        method: 'POST',
        headers: { ...auth, 'content-type': 'application/json' },
        body: JSON.stringify({ email, password: 'initial-password-1', role: 'member' }),
      });
      const body = (await res.json()) as Record<string, unknown>;
      timing[kind].push(performance.now() - t);
      statuses.add(`${res.status} ${Object.keys(body).sort().join(',')}`);
    }
  }
  const e = stats(timing.existing);
  const n = stats(timing.new);
  console.log(`invite, email with an account elsewhere: p50 ${ms(e.p50)}, p90 ${ms(e.p90)}`);
  console.log(`invite, new email:                       p50 ${ms(n.p50)}, p90 ${ms(n.p90)}`);
  console.log(`answers seen (status and body keys): ${[...statuses].join(' | ')}`);
  console.log(
    JSON.stringify({
      refuse4mP50Ms: +r.p50.toFixed(1),
      healthDuringKeyChecksP90Ms: +h.p90.toFixed(1),
      healthDuringKeyChecksMaxMs: +h.max.toFixed(1),
      inviteExistingP50Ms: +e.p50.toFixed(1),
      inviteNewP50Ms: +n.p50.toFixed(1),
      distinctAnswers: statuses.size,
    }),
  );
} finally {
  try {
    process.kill(-server.pid!, 'SIGTERM');
  } catch {}
  await new Promise((res) => setTimeout(res, 3000));
  await rm(dataDir, { recursive: true, force: true });
}

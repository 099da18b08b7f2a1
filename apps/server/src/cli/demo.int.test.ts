import { spawn } from 'node:child_process';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../test/support/database.js';
import { findFreePort } from '../platform/db/free-port.js';
import { createEmail } from '../platform/email/index.js';
import { createJobs } from '../platform/jobs/jobs.js';
import { createLogger } from '../platform/logging/index.js';
import { currentYearMetadataPeriod } from './demo.js';

const bin = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../bin/boveda.mjs');

/**
 * Polls `check` until it returns true, for at most `seconds` from now: each stage of the demo gets
 * its own budget, so a slow start on a loaded machine does not eat the next stage's time.
 */
async function until(seconds: number, check: () => boolean | Promise<boolean>, everyMs = 200) {
  const deadline = Date.now() + seconds * 1000;
  while (!(await check()) && Date.now() < deadline) await new Promise((r) => setTimeout(r, everyMs));
}

describe('boveda start --demo', () => {
  const cleanup: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const fn of cleanup.reverse()) await fn().catch(() => {});
  });

  // Start-up, a year of SAT requests, a mail and three invoices read (OCR included) in one process.
  it('runs the bundled simulator, creates a demo sign-in printed once, and starts filing last year', {
    timeout: 240_000,
  }, async () => {
    const database = await createTestDatabase();
    cleanup.push(() => database.close());
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'boveda-demo-'));
    await chmod(dataDir, 0o755);
    cleanup.push(() => rm(dataDir, { recursive: true, force: true }));
    const port = await findFreePort();
    const child = spawn(process.execPath, [bin, 'start', '--demo'], {
      detached: true,
      stdio: ['ignore', 'pipe', 'ignore'],
      env: {
        ...process.env,
        DATABASE_URL: database.url,
        BOVEDA_DATA_DIR: dataDir,
        PORT: String(port),
        // Info, to read the demo's "demo webhook received" lines (JSON, one per line).
        LOG_LEVEL: 'info',
        JOBS_POLL_SECONDS: '0.5',
      },
    });
    cleanup.push(async () => {
      if (child.exitCode === null && child.signalCode === null) {
        process.kill(-child.pid!, 'SIGTERM');
        await new Promise((r) => child.once('exit', r));
      }
    });
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    await until(60, () => /Watch them with/.test(stdout));
    expect(stdout).toMatch(/organization: demo/);
    const password = /password:\s+(\S+)/.exec(stdout)?.[1];
    expect(password).toBeTruthy();

    const login = await fetch(`http://127.0.0.1:${port}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'demo@boveda.local', password, tenant: 'demo' }),
    });
    expect(login.status).toBe(200);

    // Webhooks: the demo organization's endpoint points at the in-process listener, which verified
    // the test event's signature with the endpoint's secret (a bad one would be answered 401).
    expect(stdout).toMatch(
      /webhooks of the demo organization .* local receiver at http:\/\/127\.0\.0\.1:\d+\//,
    );
    const received = () =>
      stdout
        .split('\n')
        // A line still being written is read on the next pass.
        .filter((l) => l.includes('"demo webhook received"') && l.endsWith('}'))
        .map((l) => JSON.parse(l) as { type: string; signature: string; answered: number });
    await until(30, () => received().some((r) => r.type === 'webhook.test'), 100);
    expect(received().find((r) => r.type === 'webhook.test')).toMatchObject({
      signature: 'ok',
      answered: 200,
    });

    // The year is filed with the in-process simulator: the requests leave "pending" by themselves.
    const expectedRequests = 28 + (currentYearMetadataPeriod(new Date()) ? 2 : 0);
    let rows: { state: string }[] = [];
    await until(
      60,
      async () => {
        rows = (await database.pool.query('SELECT state FROM sat_requests')).rows;
        return rows.length === expectedRequests && rows.every((r) => r.state !== 'pending');
      },
      300,
    );
    // Last year (12 monthly CFDI + 2 semester metadata per direction) and this year's metadata.
    expect(rows).toHaveLength(expectedRequests);
    expect(rows.filter((r) => r.state === 'pending' || r.state === 'failed')).toEqual([]);
    // The endpoint existed before the year was filed: its state changes were delivered, signed.
    expect(received().filter((r) => r.type === 'sat.request.state_changed').length).toBeGreaterThan(0);
    expect(received().filter((r) => r.signature !== 'ok')).toEqual([]);

    // Outgoing mail really leaves over SMTP, to the demo's local sink: a mail queued in the database
    // is sent by the demo's worker (`sent: true` means an SMTP server accepted it).
    expect(stdout).toMatch(/local sink at smtp:\/\/127\.0\.0\.1:\d+;/);
    const jobs = createJobs({
      connectionString: database.url,
      pollingIntervalSeconds: 0.5,
      supervise: false,
      onError: () => {},
    });
    await jobs.start();
    cleanup.push(() => jobs.stop());
    const email = createEmail({ from: 'demo@boveda.local', logger: createLogger({ level: 'silent' }), jobs });
    const mailId = await email.enqueue({ to: 'demo@boveda.local', subject: 'Prueba del demo', text: 'Hola' });
    let mailJob = await jobs.getJob(email.job, mailId);
    await until(30, async () => {
      mailJob = await jobs.getJob(email.job, mailId);
      return mailJob?.state === 'completed';
    });
    expect(mailJob).toMatchObject({ state: 'completed', output: { sent: true, accepted: 1 } });

    // The demo's connector pulled the simulated ERP's records into staging by itself.
    expect(stdout).toMatch(
      /connector "ERP de demostración" talks to a local ERP simulator at http:\/\/127\.0\.0\.1:\d+/,
    );
    let pulled: { status: string; counts: Record<string, number> }[] = [];
    const pullDeadline = Date.now() + 30_000;
    while (Date.now() < pullDeadline) {
      pulled = (await database.pool.query("SELECT status, counts FROM connector_runs WHERE kind = 'pull'"))
        .rows;
      if (pulled.some((r) => r.status === 'success')) break;
      await new Promise((r) => setTimeout(r, 300));
    }
    expect(pulled.find((r) => r.status === 'success')?.counts).toMatchObject({ fetched: 450, added: 450 });

    // The demo issued one invoice through the bundled Facturify simulator: stamped and in the vault.
    expect(stdout).toMatch(/stamped by a local Facturify simulator at http:\/\/127\.0\.0\.1:\d+/);
    // Besides it, the demo's order PED-1003 is invoiced and partly returned: its credit note follows.
    let issued: { status: string; uuid: string | null; tipo: string }[] = [];
    const issueDeadline = Date.now() + 30_000;
    while (Date.now() < issueDeadline) {
      issued = (await database.pool.query('SELECT status, uuid, tipo FROM pac_invoices ORDER BY created_at'))
        .rows;
      if (issued.length === 3 && issued.every((r) => r.status !== 'draft' && r.status !== 'stamping')) break;
      await new Promise((r) => setTimeout(r, 300));
    }
    expect(issued.map((r) => `${r.tipo}:${r.status}`)).toEqual(['I:stamped', 'I:stamped', 'E:stamped']);
    const returns = await database.pool.query(
      'SELECT number, credit_note_uuid IS NOT NULL AS credited FROM order_returns ORDER BY number',
    );
    expect(returns.rows).toEqual([
      { number: 'PED-1002-D1', credited: false },
      { number: 'PED-1003-D1', credited: true },
    ]);
    const inVault = await database.pool.query('SELECT 1 FROM cfdi_documents WHERE uuid = $1', [
      issued[0]!.uuid!.toLowerCase(),
    ]);
    expect(inVault.rowCount).toBe(1);

    // The inbox has the demo's invoices, each read its own way, waiting for a person.
    let invoices: { status: string; extraction: string | null }[] = [];
    await until(
      60,
      async () => {
        invoices = (await database.pool.query('SELECT status, extraction FROM invoices')).rows;
        return invoices.length === 3 && invoices.every((r) => r.status !== 'processing');
      },
      300,
    );
    expect(invoices.map((r) => `${r.extraction}:${r.status}`).sort()).toEqual([
      'image:waiting_validation',
      'pdf-text:waiting_validation',
      'xml:waiting_validation',
    ]);
  });
});

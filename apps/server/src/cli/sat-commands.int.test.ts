import { execFile } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, RFC, startHarness } from '../modules/sat-download/testing/sat-harness.js';

const bin = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../bin/boveda.mjs');
const YEAR = new Date().getUTCFullYear() - 1;

describe('boveda sat year | sync --wait | status', () => {
  let h: Harness;
  let slug: string;
  beforeAll(async () => {
    h = await startHarness({
      workers: false,
      sim: {
        timing: { acceptedSeconds: 1, processingSeconds: 1 },
        universe: { volumes: { [RFC]: { issuedPerMonth: 1, receivedPerMonth: 1 } } },
      },
    });
    await h.registerFiel();
    slug = (await h.server.ctx.services.tenants.tenantById(h.tenantId))!.slug;
  });
  afterAll(() => h?.close());

  const cli = (...args: string[]) =>
    new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
      execFile(
        process.execPath,
        [bin, ...args],
        {
          timeout: 60_000,
          env: {
            ...process.env,
            DATABASE_URL: h.server.ctx.database.url,
            BOVEDA_DATA_DIR: h.server.ctx.config.dataDir,
            SAT_ENDPOINTS: h.sim.url,
            LOG_LEVEL: 'silent',
          },
        },
        (err, stdout, stderr) =>
          resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
      );
    });

  it('files a year, syncs it here with progress, and reports the states', async () => {
    const year = await cli(
      'sat',
      'year',
      String(YEAR),
      '--tenant',
      slug,
      '--rfc',
      RFC,
      '--direction',
      'issued',
      '--json',
    );
    expect(year.stderr).toBe('');
    expect(JSON.parse(year.stdout)).toMatchObject({ created: 14, existing: 0 });

    const first = await cli('sat', 'sync', '--tenant', slug, '--wait');
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(
      new RegExp(`${RFC} cfdi issued ${YEAR}-01-01T00:00:00…${YEAR}-01-31T23:59:59: filed`),
    );
    expect(first.stdout).toMatch(/Done: 14 filed/);

    await h.admin('POST', '/__admin/clock/advance', { seconds: 30 });
    const second = await cli('sat', 'sync', '--tenant', slug, '--wait');
    expect(second.stdout).toMatch(/ready, 1 package\(s\)/);
    expect(second.stdout).toMatch(/: downloaded/);

    const status = await cli('sat', 'status', '--tenant', slug, '--json');
    expect(JSON.parse(status.stdout)).toEqual({
      counts: [{ rfc: RFC, state: 'downloaded', count: 14 }],
      needsAttention: [],
    });
    const text = await cli('sat', 'status', '--tenant', slug);
    expect(text.stdout).toMatch(new RegExp(`${RFC}\\s+downloaded\\s+14`));
  });

  it('answers a clear error for an unknown organization or a year the SAT does not serve', async () => {
    const unknown = await cli('sat', 'status', '--tenant', 'no-such-firm');
    expect(unknown.code).not.toBe(0);
    expect(unknown.stderr).toMatch(/TENANT_NOT_FOUND/);
    const old = await cli('sat', 'year', '1999', '--tenant', slug, '--rfc', RFC);
    expect(old.code).not.toBe(0);
    expect(old.stderr).toMatch(/YEAR_OUT_OF_RANGE/);
  });
});

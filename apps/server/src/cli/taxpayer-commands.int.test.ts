import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../test/support/cli-process.js';
import { createTestDatabase } from '../../test/support/database.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const fixtures = path.resolve(here, '../../../../test-fixtures/efirma');

const boveda = (args: string[], env: NodeJS.ProcessEnv) => runCli(args, env);

describe('boveda taxpayer add / list', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let dir: string;
  let env: NodeJS.ProcessEnv;
  beforeAll(async () => {
    database = await createTestDatabase();
    dir = await mkdtemp(path.join(os.tmpdir(), 'boveda-taxpayer-cli-'));
    // The SAT's test e.firma is registered, as demo mode does.
    env = {
      ...process.env,
      DATABASE_URL: database.url,
      BOVEDA_DATA_DIR: dir,
      LOG_LEVEL: 'warn',
      SAT_TRUST_TEST_CA: 'true',
    };
  });
  afterAll(async () => {
    await database?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('registers the e.firma from files, refuses a wrong password by code, and lists it', async () => {
    const tenant = await boveda(['tenant', 'create', 'Despacho CLI', '--json'], env);
    expect(tenant.code).toBe(0);
    const { slug } = JSON.parse(tenant.stdout);
    const passwordFile = path.join(dir, 'password.txt');
    const files = [
      '--cer',
      path.join(fixtures, 'fiel-EKU9003173C9.cer'),
      '--key',
      path.join(fixtures, 'fiel-EKU9003173C9.key'),
    ];

    await writeFile(passwordFile, 'not-it\n');
    const wrong = await boveda(
      ['taxpayer', 'add', '--tenant', slug, ...files, '--password-file', passwordFile],
      env,
    );
    expect(wrong.code).not.toBe(0);
    expect(wrong.stderr).toContain('EFIRMA_BAD_PASSWORD');
    expect(wrong.stderr + wrong.stdout).not.toContain('not-it');

    await writeFile(passwordFile, '12345678a\n');
    const added = await boveda(
      ['taxpayer', 'add', '--tenant', slug, ...files, '--password-file', passwordFile, '--json'],
      env,
    );
    expect(added.code, added.stderr).toBe(0);
    expect(JSON.parse(added.stdout)).toMatchObject({
      rfc: 'EKU9003173C9',
      certificateSerial: '30001000000500003415',
    });

    const list = await boveda(['taxpayer', 'list', '--tenant', slug, '--json'], env);
    expect(JSON.parse(list.stdout)).toEqual([
      expect.objectContaining({
        rfc: 'EKU9003173C9',
        legalName: 'ESCUELA KEMPER URGATE SA DE CV',
        status: 'active',
      }),
    ]);
    const text = await boveda(['taxpayer', 'list', '--tenant', slug], env);
    expect(text.stdout).toMatch(
      /^EKU9003173C9 +30001000000500003415 +until 2027-05-17 +ESCUELA KEMPER URGATE SA DE CV/,
    );
  });
});

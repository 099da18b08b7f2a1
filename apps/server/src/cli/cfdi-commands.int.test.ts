import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { childEnv, runCli } from '../../test/support/cli-process.js';
import { parseCfdi } from '../modules/cfdi/index.js';
import { fixturePath, readFixture } from '../modules/cfdi/parsing/testing/fixtures.js';

describe('boveda cfdi parse', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'boveda-cfdi-parse-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('prints one JSON line per file, fields or error code, without a database', async () => {
    const good = fixturePath('cfdi/satcfdi-cfdv40-ejemplo-signed-tfd.xml');
    const bad = path.join(dir, 'bad.xml');
    await writeFile(bad, '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "b">]><x>&a;</x>');
    const missing = path.join(dir, 'missing.xml');
    // A DATABASE_URL that cannot connect proves the command never opens one.
    const { code, stdout } = await runCli(['cfdi', 'parse', good, bad, missing], {
      ...childEnv({}),
      DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none',
    });
    const lines = stdout
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l));
    const expected = parseCfdi(readFixture('cfdi/satcfdi-cfdv40-ejemplo-signed-tfd.xml'));
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatchObject({
      file: good,
      uuid: expected.uuid,
      total: expected.total,
      tipo: expected.tipo,
    });
    expect(lines[0]).not.toHaveProperty('document');
    expect(lines[1]).toMatchObject({ file: bad, error: 'DTD_FORBIDDEN' });
    expect(lines[2]).toMatchObject({ file: missing, error: 'FILE_UNREADABLE' });
    expect(code).toBe(1);
  });
});

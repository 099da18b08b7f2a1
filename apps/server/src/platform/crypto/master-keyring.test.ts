import { randomBytes } from 'node:crypto';
import { chmod, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { inspect } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MasterKeyConfigError } from './crypto.errors.js';
import { loadMasterKeyring } from './master-keyring.js';

function memoryLog() {
  const lines: string[] = [];
  return {
    lines,
    info: (m: string) => lines.push(`info ${m}`),
    warn: (m: string) => lines.push(`warn ${m}`),
  };
}

describe('loadMasterKeyring', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'boveda-keyring-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('creates the key file 0600 in a 0700 directory on first start, says where once, and reuses it', async () => {
    const keyFile = path.join(dir, 'nested', 'master.key');
    const log = memoryLog();
    const first = await loadMasterKeyring({ keyFile, log });
    expect((await stat(keyFile)).mode & 0o777).toBe(0o600);
    expect((await stat(path.dirname(keyFile))).mode & 0o777).toBe(0o700);
    expect(log.lines).toEqual([expect.stringContaining(`Created master key at ${keyFile}`)]);
    expect(log.lines[0]).toMatch(/back it up/);

    const second = await loadMasterKeyring({ keyFile, log });
    expect(second.active().id).toBe(first.active().id);
    expect(second.active().key.equals(first.active().key)).toBe(true);
    expect(log.lines).toHaveLength(1);

    const json = JSON.parse(await readFile(keyFile, 'utf8'));
    expect(json.version).toBe(1);
    expect(json.keys).toHaveLength(1);
    expect(json.keys[0].id).toMatch(/^[0-9a-f]{16}$/);
  });

  it('gives every concurrent first start the same key', async () => {
    const keyFile = path.join(dir, 'master.key');
    const rings = await Promise.all(
      Array.from({ length: 4 }, () => loadMasterKeyring({ keyFile, log: memoryLog() })),
    );
    expect(new Set(rings.map((r) => r.active().id)).size).toBe(1);
  });

  it('uses BOVEDA_MASTER_KEY as the active key and keeps the previous one for unwrapping', async () => {
    const current = randomBytes(32);
    const previous = randomBytes(32);
    const ring = await loadMasterKeyring({
      masterKey: current.toString('base64'),
      previousMasterKey: previous.toString('base64'),
      keyFile: path.join(dir, 'unused.key'),
      log: memoryLog(),
    });
    expect(ring.source).toBe('env');
    expect(ring.active().key.equals(current)).toBe(true);
    expect(ring.ids()).toHaveLength(2);
    await expect(stat(path.join(dir, 'unused.key'))).rejects.toThrow();
  });

  it('rejects a malformed key or key file without echoing its content', async () => {
    await expect(
      loadMasterKeyring({ masterKey: 'c2hvcnQ=', keyFile: path.join(dir, 'k'), log: memoryLog() }),
    ).rejects.toThrow(MasterKeyConfigError);
    const keyFile = path.join(dir, 'bad.key');
    const secret = randomBytes(16).toString('base64');
    await writeFile(
      keyFile,
      JSON.stringify({ version: 1, keys: [{ id: 'x', key: secret, createdAt: 'now' }] }),
    );
    const error = await loadMasterKeyring({ keyFile, log: memoryLog() }).catch((e: Error) => e);
    expect(error).toBeInstanceOf(MasterKeyConfigError);
    expect((error as Error).message).not.toContain(secret);
  });

  it('warns when the key file is readable by others', async () => {
    const keyFile = path.join(dir, 'master.key');
    await loadMasterKeyring({ keyFile, log: memoryLog() });
    await chmod(keyFile, 0o644);
    const log = memoryLog();
    await loadMasterKeyring({ keyFile, log });
    expect(log.lines).toEqual([expect.stringMatching(/^warn .*chmod 600/)]);
  });

  it('never shows key bytes when a keyring or key is logged by mistake', async () => {
    const raw = randomBytes(32);
    const ring = await loadMasterKeyring({
      masterKey: raw.toString('base64'),
      keyFile: 'x',
      log: memoryLog(),
    });
    const shown = `${JSON.stringify(ring.active())} ${inspect(ring.active())} ${inspect(ring, { depth: 5 })}`;
    expect(shown).not.toContain(raw.toString('base64'));
    expect(shown).not.toContain(raw.toString('hex'));
    expect(shown).toContain(ring.active().id);
  });
});

import { randomBytes } from 'node:crypto';
import { chmod, link, mkdir, open, readFile, rename, stat, unlink } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { MasterKeyConfigError } from './crypto.errors.js';
import { type MasterKey, masterKey } from './master-key.js';

/**
 * Key file format (JSON, mode 0600):
 *   { "version": 1, "keys": [ { "id": "<16 hex>", "key": "<base64 32 bytes>", "createdAt": "<ISO>" } ] }
 * Keys are only ever appended; the newest one wraps new data keys, older ones stay to unwrap rows
 * not yet re-wrapped.
 */
const keyFileSchema = z.object({
  version: z.literal(1),
  keys: z
    .array(z.object({ id: z.string(), key: z.string(), createdAt: z.iso.datetime({ offset: true }) }))
    .min(1),
});

export async function readKeyFile(file: string): Promise<MasterKey[] | undefined> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new MasterKeyConfigError(
      `Cannot read master key file ${file}: ${(e as NodeJS.ErrnoException).code ?? 'error'}`,
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new MasterKeyConfigError(`Master key file ${file} is not valid JSON`);
  }
  const parsed = keyFileSchema.safeParse(json);
  if (!parsed.success) throw new MasterKeyConfigError(`Master key file ${file} has an unexpected format`);
  return parsed.data.keys.map((entry, i) => {
    const key = Buffer.from(entry.key, 'base64');
    if (key.length !== 32) throw new MasterKeyConfigError(`Master key #${i + 1} in ${file} is not 32 bytes`);
    const k = masterKey(key, new Date(entry.createdAt));
    // A mismatching id means the file was edited or corrupted: refuse rather than mislabel rows.
    if (k.id !== entry.id)
      throw new MasterKeyConfigError(`Master key #${i + 1} in ${file} does not match its id`);
    return k;
  });
}

/** Whether group or others can read the file (it should be 0600). */
export async function keyFileIsExposed(file: string): Promise<boolean> {
  return ((await stat(file)).mode & 0o077) !== 0;
}

function serialize(keys: readonly MasterKey[]): string {
  const body = {
    version: 1,
    keys: keys.map((k) => ({
      id: k.id,
      key: k.key.toString('base64'),
      createdAt: k.createdAt.toISOString(),
    })),
  };
  return `${JSON.stringify(body, null, 2)}\n`;
}

async function writeTemp(file: string, keys: readonly MasterKey[]): Promise<string> {
  await mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
  const tmp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  const handle = await open(tmp, 'wx', 0o600);
  try {
    await handle.writeFile(serialize(keys));
    await handle.sync();
  } finally {
    await handle.close();
  }
  // The umask can only remove bits, but be explicit: the file must never be wider than 0600.
  await chmod(tmp, 0o600);
  return tmp;
}

/**
 * Creates the file only if it does not exist yet. link() fails with EEXIST instead of replacing, so
 * two processes starting together (api + worker) cannot each create a different first key.
 */
export async function createKeyFileExclusive(file: string, keys: readonly MasterKey[]): Promise<boolean> {
  const tmp = await writeTemp(file, keys);
  try {
    await link(tmp, file);
    return true;
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return false;
    // Some mounts (e.g. certain container volumes) have no hard links: fall back to O_EXCL create,
    // which is still exclusive, though a crash mid-write could leave a partial file.
    if (code === 'EPERM' || code === 'ENOTSUP' || code === 'EXDEV') return createDirectly(file, keys);
    throw e;
  } finally {
    await unlink(tmp).catch(() => {});
  }
}

async function createDirectly(file: string, keys: readonly MasterKey[]): Promise<boolean> {
  let handle: Awaited<ReturnType<typeof open>>;
  try {
    handle = await open(file, 'wx', 0o600);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw e;
  }
  try {
    await handle.writeFile(serialize(keys));
    await handle.sync();
  } finally {
    await handle.close();
  }
  return true;
}

/** Atomically replaces the file (write temp + fsync + rename): a crash leaves the old or the new file. */
export async function replaceKeyFile(file: string, keys: readonly MasterKey[]): Promise<void> {
  const tmp = await writeTemp(file, keys);
  try {
    await rename(tmp, file);
  } catch (e) {
    await unlink(tmp).catch(() => {});
    throw e;
  }
}

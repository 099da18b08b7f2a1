import { randomBytes } from 'node:crypto';
import {
  type FileHandle,
  mkdir,
  open,
  opendir,
  readFile,
  rename,
  rmdir,
  stat,
  unlink,
} from 'node:fs/promises';
import path from 'node:path';
import { bodyBytes, checkRange, digesting, digestOf } from './object-body.js';
import { normalizeObjectKey, normalizeObjectPrefix } from './object-key.js';
import {
  InvalidObjectKeyError,
  type ObjectBody,
  type ObjectInfo,
  ObjectNotFoundError,
  type ObjectStore,
  type PutResult,
} from './storage.port.js';

export interface FsObjectStoreOptions {
  rootDir: string;
}

// "~" is not allowed in keys, so a temp file can never be mistaken for (or collide with) an object.
const TEMP_MARK = '~';
// Objects hold fiscal documents: readable by the server's user only.
const FILE_MODE = 0o600;
const DIR_MODE = 0o700;

export function createFsObjectStore(options: FsObjectStoreOptions): ObjectStore {
  const rootDir = path.resolve(options.rootDir);
  const fileOf = (key: string) => path.join(rootDir, ...key.split('/'));

  async function put(key: string, body: ObjectBody): Promise<PutResult> {
    const normalized = normalizeObjectKey(key);
    const target = fileOf(normalized);
    const dir = path.dirname(target);
    const temp = path.join(dir, `${TEMP_MARK}${randomBytes(8).toString('hex')}`);
    const handle = await openTemp(normalized, dir, temp);
    try {
      let result: PutResult;
      const bytes = bodyBytes(body);
      if (bytes) {
        await writeAll(handle, bytes);
        result = digestOf(bytes);
      } else {
        const stream = digesting(body as NodeJS.ReadableStream);
        for await (const chunk of stream) await writeAll(handle, chunk as Buffer);
        result = stream.result();
      }
      // Durable before visible: a crash after the rename must not leave an empty or torn file.
      await handle.sync();
      await handle.close();
      await rename(temp, target).catch((error: unknown) => {
        throw mapConflict(normalized, error);
      });
      return result;
    } catch (error) {
      await handle.close().catch(() => {});
      await unlink(temp).catch(() => {});
      throw error;
    }
  }

  async function get(key: string): Promise<NodeJS.ReadableStream> {
    const normalized = normalizeObjectKey(key);
    // Opening first turns a missing object into ObjectNotFoundError here rather than a stream error,
    // and the open descriptor keeps reading the version it opened even if a put replaces it.
    const handle = await openExisting(normalized, fileOf(normalized));
    return handle.createReadStream();
  }

  async function getBuffer(key: string): Promise<Buffer> {
    const normalized = normalizeObjectKey(key);
    try {
      return await readFile(fileOf(normalized));
    } catch (error) {
      throw mapMissing(normalized, error);
    }
  }

  async function getRange(key: string, start: number, endInclusive: number): Promise<Buffer> {
    const normalized = normalizeObjectKey(key);
    checkRange(start, endInclusive);
    const handle = await openExisting(normalized, fileOf(normalized));
    try {
      const { size } = await handle.stat();
      const length = Math.max(0, Math.min(endInclusive + 1, size) - start);
      const buffer = Buffer.alloc(length);
      let offset = 0;
      while (offset < length) {
        const { bytesRead } = await handle.read(buffer, offset, length - offset, start + offset);
        if (bytesRead === 0) break;
        offset += bytesRead;
      }
      return buffer.subarray(0, offset);
    } finally {
      await handle.close();
    }
  }

  async function head(key: string): Promise<ObjectInfo | null> {
    const normalized = normalizeObjectKey(key);
    try {
      const info = await stat(fileOf(normalized));
      return info.isFile() ? { key: normalized, size: info.size } : null;
    } catch (error) {
      if (isMissing(error)) return null;
      throw error;
    }
  }

  async function remove(key: string): Promise<void> {
    const normalized = normalizeObjectKey(key);
    try {
      await unlink(fileOf(normalized));
    } catch (error) {
      if (isMissing(error) || code(error) === 'EISDIR' || code(error) === 'EPERM') return;
      throw error;
    }
    await pruneEmptyDirs(path.dirname(fileOf(normalized)));
  }

  // Empty folders left behind would block a later object whose key equals the folder's path.
  async function pruneEmptyDirs(dir: string): Promise<void> {
    let current = dir;
    while (current.startsWith(rootDir + path.sep)) {
      try {
        await rmdir(current);
      } catch {
        return; // not empty (or already gone): stop climbing
      }
      current = path.dirname(current);
    }
  }

  async function* list(prefix: string): AsyncIterable<ObjectInfo> {
    const normalized = normalizeObjectPrefix(prefix);
    const slash = normalized.lastIndexOf('/');
    const baseKey = slash === -1 ? '' : normalized.slice(0, slash);
    const baseDir = baseKey ? fileOf(baseKey) : rootDir;
    for await (const info of walk(baseDir, baseKey)) {
      if (info.key.startsWith(normalized)) yield info;
    }
  }

  async function* walk(dir: string, keyPrefix: string): AsyncGenerator<ObjectInfo> {
    let entries: Awaited<ReturnType<typeof opendir>>;
    try {
      entries = await opendir(dir);
    } catch (error) {
      if (isMissing(error) || code(error) === 'ENOTDIR') return;
      throw error;
    }
    for await (const entry of entries) {
      if (entry.name.startsWith(TEMP_MARK)) continue;
      const key = keyPrefix ? `${keyPrefix}/${entry.name}` : entry.name;
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        yield* walk(full, key);
      } else if (entry.isFile()) {
        const info = await stat(full).catch((error: unknown) => {
          if (isMissing(error)) return null; // deleted while listing
          throw error;
        });
        if (info) yield { key, size: info.size };
      }
    }
  }

  return { driver: 'fs', put, get, getBuffer, getRange, head, delete: remove, list };
}

async function openTemp(key: string, dir: string, temp: string): Promise<FileHandle> {
  // A concurrent delete may prune the folder between mkdir and open: retry a few times.
  for (let attempt = 0; ; attempt++) {
    try {
      await mkdir(dir, { recursive: true, mode: DIR_MODE });
      return await open(temp, 'wx', FILE_MODE);
    } catch (error) {
      if (isMissing(error) && attempt < 3) continue;
      throw mapConflict(key, error);
    }
  }
}

async function openExisting(key: string, file: string): Promise<FileHandle> {
  try {
    const handle = await open(file, 'r');
    if ((await handle.stat()).isFile()) return handle;
    await handle.close();
    throw new ObjectNotFoundError(key);
  } catch (error) {
    throw mapMissing(key, error);
  }
}

async function writeAll(handle: FileHandle, bytes: Buffer): Promise<void> {
  let offset = 0;
  while (offset < bytes.length) {
    const { bytesWritten } = await handle.write(bytes, offset, bytes.length - offset);
    offset += bytesWritten;
  }
}

function mapMissing(key: string, error: unknown): unknown {
  if (error instanceof ObjectNotFoundError) return error;
  if (isMissing(error) || code(error) === 'EISDIR' || code(error) === 'ENOTDIR') {
    return new ObjectNotFoundError(key, { cause: error });
  }
  return error;
}

/** On a file system "a/b" cannot be both an object and a folder of objects, unlike on S3. */
function mapConflict(key: string, error: unknown): unknown {
  const c = code(error);
  if (c === 'ENOTDIR' || c === 'EISDIR' || c === 'EEXIST') {
    return new InvalidObjectKeyError(key, 'conflicts with an existing object or folder of objects');
  }
  return error;
}

const code = (error: unknown) => (error as NodeJS.ErrnoException | undefined)?.code;
const isMissing = (error: unknown) => code(error) === 'ENOENT';

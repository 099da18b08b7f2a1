import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { ObjectStore } from '../../../platform/storage/index.js';

export interface LocalPackage {
  path: string;
  size: number;
  remove(): Promise<void>;
}

/**
 * A zip is read from its central directory at the end, then entry by entry: that needs random
 * access, which an object-store stream does not give. The package is streamed once to a private
 * temp file (constant memory, any driver) and read from there through a small window.
 */
export async function downloadPackage(
  storage: ObjectStore,
  key: string,
  tempDir: string = tmpdir(),
): Promise<LocalPackage> {
  const dir = await mkdtemp(path.join(tempDir, 'boveda-ingest-'));
  const file = path.join(dir, 'package.zip');
  const remove = () => rm(dir, { recursive: true, force: true });
  try {
    const body = await storage.get(key);
    const out = createWriteStream(file, { mode: 0o600 });
    await pipeline(body as NodeJS.ReadableStream, out);
    return { path: file, size: out.bytesWritten, remove };
  } catch (e) {
    await remove();
    throw e;
  }
}

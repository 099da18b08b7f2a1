import { Readable, Transform } from 'node:stream';
import { crc32, createInflateRaw, inflateRawSync } from 'node:zlib';
import { CfdiParseError, type CfdiParseErrorCode } from './errors.js';
import {
  type CentralEntry,
  classifyEntry,
  DEFAULT_ZIP_LIMITS,
  readCentralDirectory,
  type ZipLimits,
  type ZipSkipReason,
} from './zip-central-directory.js';
import { type ByteSource, openSource } from './zip-source.js';

export type ZipEntryResult =
  | { name: string; data: Buffer }
  | { name: string; skipped: ZipSkipReason }
  | { name: string; error: CfdiParseErrorCode; reason: string };

export type ZipStreamResult =
  | { name: string; stream: Readable }
  | { name: string; skipped: ZipSkipReason }
  | { name: string; error: CfdiParseErrorCode; reason: string };

export interface ZipReadOptions extends Partial<ZipLimits> {
  /** Only entries whose name passes are considered at all (not counted, not classified). */
  only?: (name: string) => boolean;
}

const LOCAL = 0x04034b50;

/**
 * Every entry of a zip, in file order, each inflated in one call (zlib.inflateRawSync: for many
 * small entries a stream per entry costs more than the inflation). The first iteration throws
 * ZIP_EMPTY / ZIP_CORRUPT / ZIP_TOO_MANY_ENTRIES / ZIP_TOO_LARGE for a zip that cannot be read at
 * all; after that a bad entry is yielded as an error and the rest continue.
 */
export async function* readZipEntries(
  input: Buffer | string,
  options: ZipReadOptions = {},
): AsyncGenerator<ZipEntryResult> {
  const limits = { ...DEFAULT_ZIP_LIMITS, ...options };
  const source = await openSource(input);
  try {
    for (const item of await plan(source, limits, options.only)) {
      if ('verdict' in item) {
        yield item.verdict;
        continue;
      }
      const { entry } = item;
      try {
        yield { name: entry.name, data: await inflateEntry(source, entry) };
      } catch (e) {
        yield entryError(entry, e);
      }
    }
  } finally {
    await source.close();
  }
}

/**
 * Same classification and caps as readZipEntries, but each readable entry is a stream (for
 * metadata files of hundreds of MB). Consume each stream before asking for the next entry.
 */
export async function* streamZipEntries(
  input: Buffer | string,
  options: ZipReadOptions = {},
): AsyncGenerator<ZipStreamResult> {
  const limits = { ...DEFAULT_ZIP_LIMITS, ...options };
  const source = await openSource(input);
  try {
    for (const item of await plan(source, limits, options.only)) {
      if ('verdict' in item) {
        yield item.verdict;
        continue;
      }
      const { entry } = item;
      let start: number;
      try {
        start = await dataStart(source, entry);
      } catch (e) {
        yield entryError(entry, e);
        continue;
      }
      yield { name: entry.name, stream: entryStream(source, entry, start) };
    }
  } finally {
    await source.close();
  }
}

type PlanItem =
  | {
      verdict:
        | { name: string; skipped: ZipSkipReason }
        | { name: string; error: CfdiParseErrorCode; reason: string };
    }
  | { entry: CentralEntry };

async function plan(
  source: ByteSource,
  limits: ZipLimits,
  only?: (name: string) => boolean,
): Promise<PlanItem[]> {
  const entries = (await readCentralDirectory(source, limits))
    .filter((e) => !only || only(e.name))
    .sort((a, b) => a.localHeaderOffset - b.localHeaderOffset);
  const items: PlanItem[] = [];
  let total = 0;
  for (const entry of entries) {
    const v = classifyEntry(entry, limits);
    if (v.read) {
      total += entry.size;
      items.push({ entry });
    } else if ('skipped' in v) {
      items.push({ verdict: { name: entry.name, skipped: v.skipped } });
    } else {
      items.push({ verdict: { name: entry.name, error: v.error, reason: v.reason } });
    }
  }
  // Declared sizes are enforced when inflating, so this bound holds for the bytes actually produced.
  if (total > limits.maxTotalBytes) {
    throw new CfdiParseError(
      'ZIP_TOO_LARGE',
      `the zip expands to ${total} bytes; the limit is ${limits.maxTotalBytes}`,
    );
  }
  return items;
}

async function dataStart(source: ByteSource, entry: CentralEntry): Promise<number> {
  const at = entry.localHeaderOffset;
  if (at + 30 > source.size) throw entryCorrupt('local header beyond the end of the file');
  const header = await source.read(at, 30);
  if (header.readUInt32LE(0) !== LOCAL) throw entryCorrupt('bad local header signature');
  const start = at + 30 + header.readUInt16LE(26) + header.readUInt16LE(28);
  if (start + entry.compressedSize > source.size)
    throw entryCorrupt('data beyond the end of the file (truncated?)');
  return start;
}

async function inflateEntry(source: ByteSource, entry: CentralEntry): Promise<Buffer> {
  const start = await dataStart(source, entry);
  const raw = await source.read(start, entry.compressedSize);
  let data: Buffer;
  if (entry.method === 0) {
    data = Buffer.from(raw); // copy: raw may be a view of the read window
  } else {
    try {
      // A header that understates the size cannot make us allocate more than it declared.
      data = inflateRawSync(raw, { maxOutputLength: Math.max(entry.size, 1) });
    } catch (cause) {
      throw entryCorrupt('inflate failed or output larger than declared', cause);
    }
  }
  if (data.length !== entry.size)
    throw entryCorrupt(`size ${data.length} differs from declared ${entry.size}`);
  if (crc32(data) >>> 0 !== entry.crc32) throw entryCorrupt('CRC-32 mismatch');
  return data;
}

function entryStream(source: ByteSource, entry: CentralEntry, start: number): Readable {
  const CHUNK = 256 * 1024;
  let offset = 0;
  const compressed = new Readable({
    async read() {
      try {
        if (offset >= entry.compressedSize) {
          this.push(null);
          return;
        }
        const length = Math.min(CHUNK, entry.compressedSize - offset);
        const chunk = Buffer.from(await source.read(start + offset, length));
        offset += length;
        this.push(chunk);
      } catch (e) {
        this.destroy(e as Error);
      }
    },
  });
  let produced = 0;
  let crc = 0;
  const guard = new Transform({
    transform(chunk: Buffer, _enc, done) {
      produced += chunk.length;
      if (produced > entry.size) return done(entryCorrupt('output larger than declared'));
      crc = crc32(chunk, crc);
      done(null, chunk);
    },
    flush(done) {
      if (produced !== entry.size)
        return done(entryCorrupt(`size ${produced} differs from declared ${entry.size}`));
      if (crc >>> 0 !== entry.crc32) return done(entryCorrupt('CRC-32 mismatch'));
      done();
    },
  });
  const forward = (e: Error) =>
    guard.destroy(e instanceof CfdiParseError ? e : entryCorrupt('inflate failed', e));
  compressed.on('error', forward);
  if (entry.method === 0) {
    guard.on('close', () => compressed.destroy());
    return compressed.pipe(guard);
  }
  const inflate = createInflateRaw();
  inflate.on('error', forward);
  // A consumer that stops early destroys the guard; release the upstream stages with it.
  guard.on('close', () => {
    compressed.destroy();
    inflate.destroy();
  });
  return compressed.pipe(inflate).pipe(guard);
}

function entryCorrupt(why: string, cause?: unknown): CfdiParseError {
  return new CfdiParseError('ENTRY_CORRUPT', `corrupt entry: ${why}`, { cause });
}

function entryError(
  entry: CentralEntry,
  e: unknown,
): { name: string; error: CfdiParseErrorCode; reason: string } {
  if (e instanceof CfdiParseError) return { name: entry.name, error: e.code, reason: e.message };
  return { name: entry.name, error: 'ENTRY_CORRUPT', reason: 'unreadable entry' };
}

import { CfdiParseError, type CfdiParseErrorCode } from './errors.js';
import type { ByteSource } from './zip-source.js';

export interface ZipLimits {
  /** More entries than this rejects the whole zip (ZIP_TOO_MANY_ENTRIES). */
  maxEntries: number;
  /** Uncompressed size above this refuses the entry (ENTRY_TOO_LARGE). */
  maxEntryBytes: number;
  /** Sum of the uncompressed sizes of the entries to read above this rejects the zip (ZIP_TOO_LARGE). */
  maxTotalBytes: number;
  /** Uncompressed/compressed above this refuses the entry (ENTRY_RATIO_EXCEEDED)… */
  maxRatio: number;
  /** …but only for entries larger than this: tiny files compress absurdly well and are harmless. */
  ratioMinBytes: number;
  /** Lower-case extensions worth reading; any other entry is junk. */
  extensions: readonly string[];
}

export const DEFAULT_ZIP_LIMITS: ZipLimits = {
  maxEntries: 250_000, // a SAT package holds up to 200,000 CFDI
  maxEntryBytes: 20 * 1024 * 1024,
  maxTotalBytes: 8 * 1024 ** 3,
  maxRatio: 200, // XML with random base64 seals compresses ~2:1; 200:1 is a bomb
  ratioMinBytes: 1024 * 1024,
  extensions: ['.xml', '.txt'],
};

export interface CentralEntry {
  name: string;
  flags: number;
  method: number;
  crc32: number;
  compressedSize: number;
  size: number;
  localHeaderOffset: number;
}

/** Junk entries: skipped and counted, not errors (SAT and macOS zips carry them routinely). */
export type ZipSkipReason = 'directory' | 'macosx' | 'empty' | 'extension' | 'double-extension';

export type EntryVerdict =
  | { read: true }
  | { read: false; skipped: ZipSkipReason }
  | { read: false; error: CfdiParseErrorCode; reason: string };

const EOCD = 0x06054b50;
const ZIP64_LOCATOR = 0x07064b50;
const ZIP64_EOCD = 0x06064b50;
const CENTRAL = 0x02014b50;
const MAX_COMMENT = 0xffff;
// A central directory record is 46 bytes plus a name; 1 KB each is far above any SAT package.
const MAX_CENTRAL_BYTES_PER_ENTRY = 1024;

const corrupt = (why: string) => new CfdiParseError('ZIP_CORRUPT', `corrupt or truncated zip: ${why}`);

/** Reads and validates the central directory; nothing is inflated yet. */
export async function readCentralDirectory(source: ByteSource, limits: ZipLimits): Promise<CentralEntry[]> {
  if (source.size === 0) throw new CfdiParseError('ZIP_EMPTY', 'the zip file is empty (0 bytes)');
  if (source.size < 22) throw corrupt('shorter than an end-of-central-directory record');
  const tailLength = Math.min(source.size, 22 + MAX_COMMENT);
  const tailStart = source.size - tailLength;
  const tail = Buffer.from(await source.read(tailStart, tailLength));
  let eocd = -1;
  for (let i = tail.length - 22; i >= 0; i--) {
    if (tail.readUInt32LE(i) === EOCD && i + 22 + tail.readUInt16LE(i + 20) <= tail.length) {
      eocd = i;
      break;
    }
  }
  if (eocd === -1) throw corrupt('no end-of-central-directory record');
  if (tail.readUInt16LE(eocd + 4) !== 0 || tail.readUInt16LE(eocd + 6) !== 0) throw corrupt('multi-disk zip');
  let count = tail.readUInt16LE(eocd + 10);
  let cdSize = tail.readUInt32LE(eocd + 12);
  let cdOffset = tail.readUInt32LE(eocd + 16);
  if (count === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) {
    ({ count, cdSize, cdOffset } = await readZip64End(source, tailStart + eocd));
  }
  if (count > limits.maxEntries) {
    throw new CfdiParseError(
      'ZIP_TOO_MANY_ENTRIES',
      `the zip has ${count} entries; the limit is ${limits.maxEntries}`,
    );
  }
  if (cdOffset + cdSize > source.size) throw corrupt('central directory beyond the end of the file');
  if (cdSize > Math.max(count, 1) * MAX_CENTRAL_BYTES_PER_ENTRY) throw corrupt('oversized central directory');
  const cd = Buffer.from(await source.read(cdOffset, cdSize));
  const entries: CentralEntry[] = [];
  let p = 0;
  for (let i = 0; i < count; i++) {
    if (p + 46 > cd.length || cd.readUInt32LE(p) !== CENTRAL)
      throw corrupt(`bad central directory record #${i + 1}`);
    const nameLength = cd.readUInt16LE(p + 28);
    const extraLength = cd.readUInt16LE(p + 30);
    const commentLength = cd.readUInt16LE(p + 32);
    const end = p + 46 + nameLength + extraLength + commentLength;
    if (end > cd.length) throw corrupt(`central directory record #${i + 1} overruns the directory`);
    const entry: CentralEntry = {
      name: cd.toString('utf8', p + 46, p + 46 + nameLength),
      flags: cd.readUInt16LE(p + 8),
      method: cd.readUInt16LE(p + 10),
      crc32: cd.readUInt32LE(p + 16),
      compressedSize: cd.readUInt32LE(p + 20),
      size: cd.readUInt32LE(p + 24),
      localHeaderOffset: cd.readUInt32LE(p + 42),
    };
    applyZip64Extra(entry, cd.subarray(p + 46 + nameLength, p + 46 + nameLength + extraLength));
    entries.push(entry);
    p = end;
  }
  return entries;
}

async function readZip64End(source: ByteSource, eocdOffset: number) {
  if (eocdOffset < 20) throw corrupt('ZIP64 locator missing');
  const locator = Buffer.from(await source.read(eocdOffset - 20, 20));
  if (locator.readUInt32LE(0) !== ZIP64_LOCATOR) throw corrupt('ZIP64 locator missing');
  const offset = Number(locator.readBigUInt64LE(8));
  if (offset + 56 > source.size) throw corrupt('ZIP64 end record beyond the end of the file');
  const record = Buffer.from(await source.read(offset, 56));
  if (record.readUInt32LE(0) !== ZIP64_EOCD) throw corrupt('bad ZIP64 end record');
  return {
    count: safeNumber(record.readBigUInt64LE(32)),
    cdSize: safeNumber(record.readBigUInt64LE(40)),
    cdOffset: safeNumber(record.readBigUInt64LE(48)),
  };
}

function applyZip64Extra(entry: CentralEntry, extra: Buffer): void {
  let p = 0;
  while (p + 4 <= extra.length) {
    const id = extra.readUInt16LE(p);
    const length = extra.readUInt16LE(p + 2);
    if (id === 0x0001) {
      // Only the fields saturated in the fixed record are present, in this order.
      let q = p + 4;
      const next = (): number => {
        if (q + 8 > p + 4 + length) throw corrupt(`bad ZIP64 extra field for ${entry.name}`);
        const v = safeNumber(extra.readBigUInt64LE(q));
        q += 8;
        return v;
      };
      if (entry.size === 0xffffffff) entry.size = next();
      if (entry.compressedSize === 0xffffffff) entry.compressedSize = next();
      if (entry.localHeaderOffset === 0xffffffff) entry.localHeaderOffset = next();
      return;
    }
    p += 4 + length;
  }
}

function safeNumber(v: bigint): number {
  if (v > BigInt(Number.MAX_SAFE_INTEGER)) throw corrupt('size or offset out of range');
  return Number(v);
}

/** Entry names are reported, never used as paths; anything path-like is refused outright. */
export function unsafeNameReason(name: string): string | null {
  if (name === '') return 'empty name';
  if (name.includes('/') || name.includes('\\')) return 'contains a path separator';
  if (name.includes('..')) return 'contains ".."';
  if (/^[A-Za-z]:/.test(name)) return 'starts with a drive letter';
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what we refuse
  if (/[\u0000-\u001f\u007f]/.test(name)) return 'contains control characters';
  return null;
}

export function classifyEntry(entry: CentralEntry, limits: ZipLimits): EntryVerdict {
  const { name } = entry;
  if (name.endsWith('/')) return { read: false, skipped: 'directory' };
  if (name.startsWith('__MACOSX/')) return { read: false, skipped: 'macosx' };
  const unsafe = unsafeNameReason(name);
  if (unsafe) return { read: false, error: 'ENTRY_UNSAFE_NAME', reason: `unsafe entry name: ${unsafe}` };
  const lower = name.toLowerCase();
  if (lower.endsWith('.xml.xml')) return { read: false, skipped: 'double-extension' };
  if (!limits.extensions.some((ext) => lower.endsWith(ext))) return { read: false, skipped: 'extension' };
  if (entry.size === 0) return { read: false, skipped: 'empty' };
  if (entry.flags & 0x1) return { read: false, error: 'ENTRY_ENCRYPTED', reason: 'encrypted entry' };
  if (entry.method !== 0 && entry.method !== 8) {
    return { read: false, error: 'ENTRY_UNSUPPORTED_METHOD', reason: `compression method ${entry.method}` };
  }
  if (entry.size > limits.maxEntryBytes) {
    return {
      read: false,
      error: 'ENTRY_TOO_LARGE',
      reason: `${entry.size} bytes uncompressed; the limit is ${limits.maxEntryBytes}`,
    };
  }
  if (entry.size > limits.ratioMinBytes && entry.size / Math.max(entry.compressedSize, 1) > limits.maxRatio) {
    return {
      read: false,
      error: 'ENTRY_RATIO_EXCEEDED',
      reason: `compression ratio ${Math.round(entry.size / Math.max(entry.compressedSize, 1))}:1 exceeds ${limits.maxRatio}:1`,
    };
  }
  return { read: true };
}

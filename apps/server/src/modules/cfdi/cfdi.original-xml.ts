import { crc32, inflateRawSync } from 'node:zlib';
import type { ObjectStore } from '../../platform/storage/index.js';
import { ObjectNotFoundError } from '../../platform/storage/index.js';
import { cfdiSearchErrors } from './cfdi.search.errors.js';
import { DEFAULT_ZIP_LIMITS } from './parsing/index.js';
import { type CentralEntry, readCentralDirectory } from './parsing/zip-central-directory.js';
import type { ByteSource } from './parsing/zip-source.js';

const LOCAL_HEADER = 0x04034b50;

export interface XmlSource {
  objectKey: string | null;
  /** The entry inside the zip at `objectKey`; null when the object is the XML itself. */
  entry: string | null;
}

/**
 * A zip in the store read by ranges: the central directory and one entry, never the whole
 * package (SAT packages reach hundreds of MB). Stores without ranges fall back to one download.
 */
async function storeSource(storage: ObjectStore, key: string): Promise<ByteSource> {
  const getRange = storage.getRange?.bind(storage);
  if (!getRange) {
    const buffer = await storage.getBuffer(key);
    return { size: buffer.length, read: async (o, l) => buffer.subarray(o, o + l), close: async () => {} };
  }
  const info = await storage.head(key);
  if (!info) throw new ObjectNotFoundError(key);
  return {
    size: info.size,
    read: (offset, length) =>
      length <= 0 ? Promise.resolve(Buffer.alloc(0)) : getRange(key, offset, offset + length - 1),
    close: async () => {},
  };
}

async function readEntry(source: ByteSource, entries: Map<string, CentralEntry>, name: string) {
  const entry = entries.get(name);
  if (!entry) throw new Error('entry not in the zip');
  if (entry.size > DEFAULT_ZIP_LIMITS.maxEntryBytes) throw new Error('entry too large');
  const header = Buffer.from(await source.read(entry.localHeaderOffset, 30));
  if (header.length < 30 || header.readUInt32LE(0) !== LOCAL_HEADER) throw new Error('bad local header');
  const start = entry.localHeaderOffset + 30 + header.readUInt16LE(26) + header.readUInt16LE(28);
  const raw = Buffer.from(await source.read(start, entry.compressedSize));
  if (raw.length !== entry.compressedSize) throw new Error('truncated entry');
  let data: Buffer;
  if (entry.method === 0) data = raw;
  else if (entry.method === 8) data = inflateRawSync(raw, { maxOutputLength: Math.max(entry.size, 1) });
  else throw new Error('unsupported compression method');
  if (data.length !== entry.size || crc32(data) >>> 0 !== entry.crc32 >>> 0) throw new Error('CRC mismatch');
  return data;
}

/** A package opened once: its byte source and central directory, indexed by entry name. */
interface OpenPackage {
  source: ByteSource;
  entries: Map<string, CentralEntry>;
}

/**
 * Reads many originals in a row (the XML ZIP): the central directory of the last packages read is
 * kept, so a thousand CFDI of one SAT package cost one directory read, not a thousand. Two
 * packages at most: a directory of 200,000 entries is tens of MB, and a search sorted by date
 * walks the packages (monthly) mostly one after another.
 */
export function createOriginalXmlReader(storage: ObjectStore, keep = 2) {
  const open = new Map<string, Promise<OpenPackage>>();
  const packageOf = (key: string) => {
    let found = open.get(key);
    if (found) {
      open.delete(key); // re-inserted below: the Map's order is the recency
    } else {
      found = (async () => {
        const source = await storeSource(storage, key);
        const entries = await readCentralDirectory(source, DEFAULT_ZIP_LIMITS);
        return { source, entries: new Map(entries.map((e) => [e.name, e])) };
      })();
      // A failed open is not kept: the next CFDI of that package tries again.
      found.catch(() => open.delete(key));
    }
    open.set(key, found);
    while (open.size > keep) open.delete(open.keys().next().value as string);
    return found;
  };

  /** The CFDI's original bytes, unchanged: a stored object streamed, or one entry of a stored zip. */
  return async function read(source: XmlSource): Promise<NodeJS.ReadableStream | Buffer> {
    if (!source.objectKey) throw cfdiSearchErrors('CFDI_XML_UNAVAILABLE');
    try {
      if (source.entry === null) return await storage.get(source.objectKey);
      const zip = await packageOf(source.objectKey);
      return await readEntry(zip.source, zip.entries, source.entry);
    } catch (cause) {
      if (cause instanceof ObjectNotFoundError) {
        throw cfdiSearchErrors('CFDI_XML_UNAVAILABLE', 'The stored package is missing.', { cause });
      }
      throw cfdiSearchErrors('CFDI_XML_UNREADABLE', undefined, { cause });
    }
  };
}

export type OriginalXmlReader = ReturnType<typeof createOriginalXmlReader>;

/** One CFDI's original bytes (the package's directory is read for it alone). */
export function readOriginalXml(
  storage: ObjectStore,
  source: XmlSource,
): Promise<NodeJS.ReadableStream | Buffer> {
  return createOriginalXmlReader(storage, 1)(source);
}

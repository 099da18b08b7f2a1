import { crc32, inflateRawSync } from 'node:zlib';
import type { ObjectStore } from '../../platform/storage/index.js';
import { ObjectNotFoundError } from '../../platform/storage/index.js';
import { cfdiSearchErrors } from './cfdi.search.errors.js';
import { DEFAULT_ZIP_LIMITS } from './parsing/index.js';
import { readCentralDirectory } from './parsing/zip-central-directory.js';
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

async function readEntry(source: ByteSource, name: string): Promise<Buffer> {
  const entries = await readCentralDirectory(source, DEFAULT_ZIP_LIMITS);
  const entry = entries.find((e) => e.name === name);
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

/** The CFDI's original bytes, unchanged: a stored object streamed, or one entry of a stored zip. */
export async function readOriginalXml(
  storage: ObjectStore,
  source: XmlSource,
): Promise<NodeJS.ReadableStream | Buffer> {
  if (!source.objectKey) throw cfdiSearchErrors('CFDI_XML_UNAVAILABLE');
  try {
    if (source.entry === null) return await storage.get(source.objectKey);
    const zip = await storeSource(storage, source.objectKey);
    return await readEntry(zip, source.entry);
  } catch (cause) {
    if (cause instanceof ObjectNotFoundError) {
      throw cfdiSearchErrors('CFDI_XML_UNAVAILABLE', 'The stored package is missing.', { cause });
    }
    throw cfdiSearchErrors('CFDI_XML_UNREADABLE', undefined, { cause });
  }
}

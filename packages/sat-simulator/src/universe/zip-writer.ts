import { crc32, createDeflateRaw, deflateRawSync } from 'node:zlib';
import { UniverseError } from './errors.js';

/**
 * A minimal streaming ZIP writer (PKWARE APPNOTE 6.3): deflate entries, ZIP64 end records when there
 * are more than 65,535 entries or offsets pass 4 GiB. Only the central directory (a few numbers per
 * entry) stays in memory; entry data is emitted as soon as it is compressed.
 */
/** Deflate cannot shrink entries this small; storing them also skips a zlib context per entry. */
const STORE_BELOW = 64;

interface CentralEntry {
  /** Kept as a string: small pooled Buffers would pin whole 8 KiB pool slabs for every entry. */
  name: string;
  nameLength: number;
  crc: number;
  compressed: number;
  size: number;
  offset: number;
  flags: number;
  dosTime: number;
  dosDate: number;
  /** 0 stored, 8 deflated. */
  method: number;
}

const U32 = 0xffffffff;
const FLAG_DATA_DESCRIPTOR = 0x0008;
const FLAG_UTF8 = 0x0800;

function dos(seconds: number): { dosTime: number; dosDate: number } {
  const d = new Date(seconds * 1000);
  const year = Math.max(1980, d.getUTCFullYear());
  return {
    dosTime: (d.getUTCHours() << 11) | (d.getUTCMinutes() << 5) | Math.floor(d.getUTCSeconds() / 2),
    dosDate: ((year - 1980) << 9) | ((d.getUTCMonth() + 1) << 5) | d.getUTCDate(),
  };
}

export class ZipWriter {
  private offset = 0;
  private readonly entries: CentralEntry[] = [];

  private localHeader(entry: CentralEntry): Buffer {
    const header = Buffer.alloc(30);
    const known = (entry.flags & FLAG_DATA_DESCRIPTOR) === 0;
    header.writeUInt32LE(0x04034b50, 0);
    header.writeUInt16LE(20, 4);
    header.writeUInt16LE(entry.flags, 6);
    header.writeUInt16LE(entry.method, 8);
    header.writeUInt16LE(entry.dosTime, 10);
    header.writeUInt16LE(entry.dosDate, 12);
    header.writeUInt32LE(known ? entry.crc : 0, 14);
    header.writeUInt32LE(known ? entry.compressed : 0, 18);
    header.writeUInt32LE(known ? entry.size : 0, 22);
    header.writeUInt16LE(entry.nameLength, 26);
    header.writeUInt16LE(0, 28);
    return Buffer.concat([header, Buffer.from(entry.name, 'utf8')]);
  }

  private newEntry(name: string, mtimeSec: number, flags: number): CentralEntry {
    const nameLength = Buffer.byteLength(name, 'utf8');
    const ascii = nameLength === name.length;
    return {
      name,
      nameLength,
      crc: 0,
      compressed: 0,
      size: 0,
      offset: this.offset,
      flags: flags | (ascii ? 0 : FLAG_UTF8),
      method: 8,
      ...dos(mtimeSec),
    };
  }

  /** A small entry, compressed in one go: its sizes go in the local header. */
  file(name: string, data: Buffer, mtimeSec: number): Buffer[] {
    const entry = this.newEntry(name, mtimeSec, 0);
    if (data.length < STORE_BELOW) entry.method = 0;
    const compressed = entry.method === 0 ? data : deflateRawSync(data);
    entry.crc = crc32(data);
    entry.size = data.length;
    entry.compressed = compressed.length;
    this.checkSize(entry);
    const header = this.localHeader(entry);
    this.offset += header.length + compressed.length;
    this.entries.push(entry);
    return [header, compressed];
  }

  /** A large entry produced piecewise (metadata): sizes follow the data in a data descriptor. */
  async *stream(
    name: string,
    chunks: AsyncIterable<Buffer> | Iterable<Buffer>,
    mtimeSec: number,
  ): AsyncGenerator<Buffer> {
    const entry = this.newEntry(name, mtimeSec, FLAG_DATA_DESCRIPTOR);
    const header = this.localHeader(entry);
    this.offset += header.length;
    yield header;
    const deflate = createDeflateRaw();
    const feed = (async () => {
      for await (const chunk of chunks) {
        entry.crc = crc32(chunk, entry.crc);
        entry.size += chunk.length;
        if (!deflate.write(chunk)) await new Promise((resolve) => deflate.once('drain', resolve));
      }
      deflate.end();
    })();
    feed.catch((error: unknown) => deflate.destroy(error as Error));
    for await (const out of deflate as AsyncIterable<Buffer>) {
      entry.compressed += out.length;
      yield out;
    }
    await feed;
    this.checkSize(entry);
    const descriptor = Buffer.alloc(16);
    descriptor.writeUInt32LE(0x08074b50, 0);
    descriptor.writeUInt32LE(entry.crc, 4);
    descriptor.writeUInt32LE(entry.compressed, 8);
    descriptor.writeUInt32LE(entry.size, 12);
    this.offset += entry.compressed + descriptor.length;
    this.entries.push(entry);
    yield descriptor;
  }

  private checkSize(entry: CentralEntry): void {
    if (entry.size >= U32 || entry.compressed >= U32) {
      throw new UniverseError('entry-too-large', `zip entry ${entry.name} exceeds 4 GiB`);
    }
  }

  /** Central directory and end records, in chunks so a 200k-entry directory is never one big buffer. */
  *finish(): Generator<Buffer> {
    let parts: Buffer[] = [];
    const cdStart = this.offset;
    let cdSize = 0;
    let zip64 = this.entries.length > 0xffff;
    for (const entry of this.entries) {
      const farOffset = entry.offset >= U32;
      zip64 ||= farOffset;
      const extra = farOffset ? Buffer.alloc(12) : Buffer.alloc(0);
      if (farOffset) {
        extra.writeUInt16LE(0x0001, 0);
        extra.writeUInt16LE(8, 2);
        extra.writeBigUInt64LE(BigInt(entry.offset), 4);
      }
      const header = Buffer.alloc(46);
      header.writeUInt32LE(0x02014b50, 0);
      header.writeUInt16LE(farOffset ? 45 : 20, 4);
      header.writeUInt16LE(farOffset ? 45 : 20, 6);
      header.writeUInt16LE(entry.flags, 8);
      header.writeUInt16LE(entry.method, 10);
      header.writeUInt16LE(entry.dosTime, 12);
      header.writeUInt16LE(entry.dosDate, 14);
      header.writeUInt32LE(entry.crc, 16);
      header.writeUInt32LE(entry.compressed, 20);
      header.writeUInt32LE(entry.size, 24);
      header.writeUInt16LE(entry.nameLength, 28);
      header.writeUInt16LE(extra.length, 30);
      header.writeUInt32LE(farOffset ? U32 : entry.offset, 42);
      parts.push(header, Buffer.from(entry.name, 'utf8'), extra);
      cdSize += header.length + entry.nameLength + extra.length;
      if (parts.length >= 3_000) {
        yield Buffer.concat(parts);
        parts = [];
      }
    }
    zip64 ||= cdStart >= U32 || cdSize >= U32;
    if (zip64) {
      const record = Buffer.alloc(56);
      record.writeUInt32LE(0x06064b50, 0);
      record.writeBigUInt64LE(44n, 4);
      record.writeUInt16LE(45, 12);
      record.writeUInt16LE(45, 14);
      record.writeBigUInt64LE(BigInt(this.entries.length), 24);
      record.writeBigUInt64LE(BigInt(this.entries.length), 32);
      record.writeBigUInt64LE(BigInt(cdSize), 40);
      record.writeBigUInt64LE(BigInt(cdStart), 48);
      const locator = Buffer.alloc(20);
      locator.writeUInt32LE(0x07064b50, 0);
      locator.writeBigUInt64LE(BigInt(cdStart + cdSize), 8);
      locator.writeUInt32LE(1, 16);
      parts.push(record, locator);
    }
    const end = Buffer.alloc(22);
    end.writeUInt32LE(0x06054b50, 0);
    end.writeUInt16LE(Math.min(this.entries.length, 0xffff), 8);
    end.writeUInt16LE(Math.min(this.entries.length, 0xffff), 10);
    end.writeUInt32LE(Math.min(cdSize, U32), 12);
    end.writeUInt32LE(Math.min(cdStart, U32), 16);
    parts.push(end);
    this.entries.length = 0;
    yield Buffer.concat(parts);
  }
}

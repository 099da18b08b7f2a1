import { once } from 'node:events';
import { crc32, createDeflateRaw } from 'node:zlib';

interface Written {
  name: Buffer;
  crc: number;
  compressedSize: number;
  size: number;
  offset: number;
}

const FLAGS = 0x0808; // bit 3: sizes in a data descriptor after the data; bit 11: UTF-8 names
const DEFLATE = 8;
const MAX_ZIP32 = 0xffffffff;

function dosDateTime(d: Date): { time: number; date: number } {
  return {
    time: (d.getHours() << 11) | (d.getMinutes() << 5) | Math.floor(d.getSeconds() / 2),
    date: ((d.getFullYear() - 1980) << 9) | ((d.getMonth() + 1) << 5) | d.getDate(),
  };
}

/**
 * A zip written front to back with no seeking: each entry is deflated as its chunks arrive and
 * its CRC and sizes follow in a data descriptor, so a spreadsheet of a million rows never sits
 * in memory. Yields the zip's bytes; consume them at your pace (backpressure reaches the source).
 */
export async function* zipStream(
  entries: AsyncIterable<{
    name: string;
    chunks: AsyncIterable<string | Buffer> | Iterable<string | Buffer>;
  }>,
  now = new Date(),
): AsyncGenerator<Buffer> {
  const { time, date } = dosDateTime(now);
  const written: Written[] = [];
  let offset = 0;
  for await (const entry of entries) {
    const name = Buffer.from(entry.name, 'utf8');
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(FLAGS, 6);
    local.writeUInt16LE(DEFLATE, 8);
    local.writeUInt16LE(time, 10);
    local.writeUInt16LE(date, 12);
    local.writeUInt16LE(name.length, 26);
    const record: Written = { name, crc: 0, compressedSize: 0, size: 0, offset };
    yield Buffer.concat([local, name]);
    offset += local.length + name.length;

    const deflate = createDeflateRaw();
    const ready: Buffer[] = [];
    deflate.on('data', (d: Buffer) => ready.push(d));
    const ended = once(deflate, 'end');
    const drain = function* () {
      while (ready.length > 0) {
        const d = ready.shift()!;
        record.compressedSize += d.length;
        yield d;
      }
    };
    for await (const chunk of entry.chunks) {
      const data = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
      if (data.length === 0) continue;
      record.size += data.length;
      record.crc = crc32(data, record.crc);
      await new Promise<void>((resolve, reject) => deflate.write(data, (e) => (e ? reject(e) : resolve())));
      yield* drain();
    }
    deflate.end();
    await ended;
    yield* drain();
    if (record.size > MAX_ZIP32 || offset + record.compressedSize > MAX_ZIP32) {
      throw new RangeError('export larger than 4 GB: narrow the search');
    }
    const descriptor = Buffer.alloc(16);
    descriptor.writeUInt32LE(0x08074b50, 0);
    descriptor.writeUInt32LE(record.crc >>> 0, 4);
    descriptor.writeUInt32LE(record.compressedSize, 8);
    descriptor.writeUInt32LE(record.size, 12);
    yield descriptor;
    offset += record.compressedSize + descriptor.length;
    written.push(record);
  }

  const centralStart = offset;
  for (const w of written) {
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(FLAGS, 8);
    central.writeUInt16LE(DEFLATE, 10);
    central.writeUInt16LE(time, 12);
    central.writeUInt16LE(date, 14);
    central.writeUInt32LE(w.crc >>> 0, 16);
    central.writeUInt32LE(w.compressedSize, 20);
    central.writeUInt32LE(w.size, 24);
    central.writeUInt16LE(w.name.length, 28);
    central.writeUInt32LE(w.offset, 42);
    yield Buffer.concat([central, w.name]);
    offset += central.length + w.name.length;
  }
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(written.length, 8);
  end.writeUInt16LE(written.length, 10);
  end.writeUInt32LE(offset - centralStart, 12);
  end.writeUInt32LE(centralStart, 16);
  yield end;
}

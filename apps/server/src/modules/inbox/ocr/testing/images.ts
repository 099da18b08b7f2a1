import { readFileSync } from 'node:fs';
import { crc32, deflateSync } from 'node:zlib';

/** The committed fixtures (README.md beside them says where they come from). */
export function fixture(name: string): Buffer {
  return readFileSync(new URL(`./fixtures/${name}`, import.meta.url));
}

/**
 * A PNG signature and an IHDR chunk declaring `width` × `height` (valid CRC), followed — when
 * `idat` — by a tiny IDAT chunk and IEND: a bomb's shape, cheap to build at any declared size.
 */
export function pngHeader(width: number, height: number, options: { idat?: boolean } = {}): Buffer {
  const ihdr = Buffer.alloc(17);
  ihdr.write('IHDR', 0, 'latin1');
  ihdr.writeUInt32BE(width, 4);
  ihdr.writeUInt32BE(height, 8);
  ihdr.set([8, 6, 0, 0, 0], 12); // 8-bit RGBA, deflate, no filter method quirks, no interlace
  const length = Buffer.alloc(4);
  length.writeUInt32BE(13);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(ihdr));
  const head = Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    length,
    ihdr,
    crc,
  ]);
  return options.idat
    ? Buffer.concat([head, chunk('IDAT', deflateSync(Buffer.alloc(64))), chunk('IEND')])
    : head;
}

function chunk(type: string, data: Buffer = Buffer.alloc(0)): Buffer {
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  body.copy(out, 4);
  out.writeUInt32BE(crc32(body), 8 + data.length);
  return out;
}

/** `jpeg` cut right before its start-of-scan marker, with an end-of-image marker appended. */
export function jpegWithoutScan(jpeg: Buffer): Buffer {
  let at = 2;
  while (!(jpeg[at] === 0xff && jpeg[at + 1] === 0xda)) at += 2 + jpeg.readUInt16BE(at + 2);
  return Buffer.concat([jpeg.subarray(0, at), Buffer.from([0xff, 0xd9])]);
}

/** `jpeg` with an APP1 Exif segment (big-endian TIFF, one IFD0 entry: Orientation) after SOI. */
export function withExifOrientation(jpeg: Buffer, orientation: number): Buffer {
  // II/MM header "MM", 42, IFD0 at 8; one entry: tag 0x0112, SHORT, count 1, value at byte 18.
  const tiff = Buffer.from(`4d4d002a00000008000101120003000000010000000000000000`, 'hex');
  tiff.writeUInt16BE(orientation, 18);
  const body = Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), tiff]);
  const length = body.length + 2;
  const segment = Buffer.concat([Buffer.from([0xff, 0xe1, length >> 8, length & 0xff]), body]);
  return Buffer.concat([jpeg.subarray(0, 2), segment, jpeg.subarray(2)]);
}

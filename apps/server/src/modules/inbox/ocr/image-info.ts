import { crc32 } from 'node:zlib';

export type ImageErrorCode = 'IMAGE_TOO_LARGE' | 'IMAGE_UNREADABLE';

/**
 * An image refused before or during decoding. `IMAGE_TOO_LARGE`: its header declares more pixels
 * than the limits allow; `IMAGE_UNREADABLE`: not a PNG/JPEG, corrupt or truncated.
 */
export class ImageError extends Error {
  readonly code: ImageErrorCode;
  constructor(code: ImageErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ImageError';
    this.code = code;
  }
}

export interface ImageLimits {
  /** Width × height above this is refused. */
  maxPixels: number;
  /** Either side above this is refused. */
  maxSide: number;
}

/**
 * 40 MP covers a 600 dpi A4/letter scan (≈ 35 MP) and any phone photo in use (12–50 MP cameras
 * save 12 MP by default); decoding 40 MP as RGBA is 160 MB, which is the most one upload may cost.
 */
export const DEFAULT_IMAGE_LIMITS: ImageLimits = { maxPixels: 40_000_000, maxSide: 12_000 };

export interface ImageInfo {
  format: 'png' | 'jpeg';
  width: number;
  height: number;
  /** EXIF orientation 1–8 of a JPEG (1 when absent); PNG is always 1. */
  orientation: number;
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/**
 * Reads format, size and (JPEG) EXIF orientation from the header bytes only — nothing is decoded
 * or allocated in proportion to the image — and refuses what is too large or not an image. Meant to
 * run before any decoder sees the bytes: a 50,000 × 50,000 PNG costs a few microseconds here and
 * would cost 10 GB once decoded.
 */
export function readImageInfo(bytes: Uint8Array, limits: ImageLimits = DEFAULT_IMAGE_LIMITS): ImageInfo {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const { info, noData } = startsWith(buf, PNG_SIGNATURE)
    ? readPng(buf)
    : buf.length >= 3 && buf[0] === 0xff && buf[1] === 0xd8 && buf[2] === 0xff
      ? readJpeg(buf)
      : unreadable('not a PNG or JPEG image');
  if (info.width === 0 || info.height === 0) unreadable('the image declares a zero size');
  if (
    info.width > limits.maxSide ||
    info.height > limits.maxSide ||
    info.width * info.height > limits.maxPixels
  ) {
    throw new ImageError(
      'IMAGE_TOO_LARGE',
      `the image is ${info.width} × ${info.height} px; the limits are ${limits.maxSide} px a side and ${limits.maxPixels / 1e6} megapixels`,
    );
  }
  // Checked after the size so a bomb is reported as too large whatever follows its header.
  if (noData) unreadable(noData);
  return info;
}

/** What a header says, and why the bytes after it cannot be decoded safely (if so). */
type Header = { info: ImageInfo; noData?: string };

function readPng(buf: Buffer): Header {
  // Signature (8), IHDR length (4) + type (4) + 13 data bytes + CRC (4): IHDR must come first.
  if (buf.length < 33) unreadable('truncated PNG header');
  if (buf.readUInt32BE(8) !== 13 || buf.toString('latin1', 12, 16) !== 'IHDR') unreadable('PNG without IHDR');
  if (crc32(buf.subarray(12, 29)) !== buf.readUInt32BE(29)) unreadable('PNG header checksum mismatch');
  // @napi-rs/canvas 0.1.100 segfaults the whole process on a PNG with no image data (a header
  // alone): walk the chunk headers (8 bytes each, data skipped) up to the first non-empty IDAT.
  const info: ImageInfo = {
    format: 'png',
    width: buf.readUInt32BE(16),
    height: buf.readUInt32BE(20),
    orientation: 1,
  };
  for (let at = 33; at + 8 <= buf.length; ) {
    const length = buf.readUInt32BE(at);
    const type = buf.toString('latin1', at + 4, at + 8);
    if (type === 'IDAT' && length > 0) return { info };
    if (type === 'IEND') break;
    at += 12 + length;
  }
  return { info, noData: 'PNG without image data' };
}

function readJpeg(buf: Buffer): Header {
  let orientation = 1;
  let frame: { width: number; height: number } | undefined;
  let at = 2;
  // Walk the marker segments up to the frame header; each step reads a 2-byte length and skips it.
  while (at + 4 <= buf.length) {
    if (buf[at] !== 0xff) unreadable('corrupt JPEG marker');
    const marker = buf[at + 1]!;
    if (marker === 0xff) {
      at++; // fill byte
      continue;
    }
    if (marker === 0xd9 || marker === 0xda) break; // end of image / start of scan
    if ((marker >= 0xd0 && marker <= 0xd7) || marker === 0x01) {
      at += 2; // standalone markers
      continue;
    }
    const length = buf.readUInt16BE(at + 2);
    if (length < 2 || at + 2 + length > buf.length) unreadable('truncated JPEG header');
    const body = at + 4;
    if (marker === 0xe1 && orientation === 1) orientation = exifOrientation(buf, body, at + 2 + length);
    // SOF0–SOF15 except DHT (C4), JPG (C8) and DAC (CC): precision, height, width.
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      if (length < 8) unreadable('truncated JPEG frame header');
      if (frame) unreadable('JPEG with two frame headers');
      frame = { height: buf.readUInt16BE(body + 1), width: buf.readUInt16BE(body + 3) };
    }
    at += 2 + length;
  }
  if (!frame) unreadable('JPEG without a frame header');
  // @napi-rs/canvas 0.1.100 segfaults the whole process on a JPEG whose headers end before the
  // scan: require the start-of-scan marker after the frame header, with data after it.
  const info: ImageInfo = { format: 'jpeg', ...frame, orientation };
  if (!(buf[at] === 0xff && buf[at + 1] === 0xda && at + 4 < buf.length))
    return { info, noData: 'JPEG without image data' };
  return { info };
}

/** Orientation tag (0x0112) of IFD0 inside an APP1 "Exif" segment; 1 when absent or malformed. */
function exifOrientation(buf: Buffer, start: number, end: number): number {
  if (end - start < 14 || buf.toString('latin1', start, start + 6) !== 'Exif\0\0') return 1;
  const tiff = start + 6;
  const order = buf.toString('latin1', tiff, tiff + 2);
  if (order !== 'II' && order !== 'MM') return 1;
  const le = order === 'II';
  const u16 = (o: number) => (le ? buf.readUInt16LE(o) : buf.readUInt16BE(o));
  const u32 = (o: number) => (le ? buf.readUInt32LE(o) : buf.readUInt32BE(o));
  const ifd = tiff + u32(tiff + 4);
  if (ifd + 2 > end) return 1;
  const count = u16(ifd);
  for (let i = 0; i < count; i++) {
    const entry = ifd + 2 + i * 12;
    if (entry + 12 > end) return 1;
    if (u16(entry) === 0x0112) {
      const value = u16(entry + 8);
      return value >= 1 && value <= 8 ? value : 1;
    }
  }
  return 1;
}

function startsWith(buf: Buffer, prefix: Buffer): boolean {
  return buf.length >= prefix.length && buf.subarray(0, prefix.length).equals(prefix);
}

function unreadable(message: string): never {
  throw new ImageError('IMAGE_UNREADABLE', message);
}

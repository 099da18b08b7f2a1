import { describe, expect, it } from 'vitest';
import { ImageError, readImageInfo } from './image-info.js';
import { fixture, jpegWithoutScan, pngHeader, withExifOrientation } from './testing/images.js';

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (err) {
    if (err instanceof ImageError) return err.code;
    throw err;
  }
  return undefined;
}

describe('readImageInfo (headers only)', () => {
  it('reads a JPEG scan and a PNG header', () => {
    expect(readImageInfo(fixture('scan-cfdi40-real-200dpi.jpg'))).toEqual({
      format: 'jpeg',
      width: 1716,
      height: 2383,
      orientation: 1,
    });
    expect(readImageInfo(pngHeader(1700, 2200, { idat: true }))).toEqual({
      format: 'png',
      width: 1700,
      height: 2200,
      orientation: 1,
    });
  });

  it('refuses a 50,000 × 50,000 PNG from its 33-byte header, in microseconds', () => {
    const bomb = pngHeader(50_000, 50_000);
    expect(codeOf(() => readImageInfo(bomb))).toBe('IMAGE_TOO_LARGE');
    const start = performance.now();
    for (let i = 0; i < 1_000; i++) codeOf(() => readImageInfo(bomb));
    // 1,000 refusals (each one throws) well under a second: no decoding, no pixel buffer.
    expect(performance.now() - start).toBeLessThan(500);
  });

  it('refuses a side over the limit and a pixel count over the limit', () => {
    expect(codeOf(() => readImageInfo(pngHeader(13_000, 100)))).toBe('IMAGE_TOO_LARGE');
    expect(codeOf(() => readImageInfo(pngHeader(7_000, 7_000)))).toBe('IMAGE_TOO_LARGE');
    expect(codeOf(() => readImageInfo(pngHeader(100, 100), { maxPixels: 5_000, maxSide: 1_000 }))).toBe(
      'IMAGE_TOO_LARGE',
    );
    expect(readImageInfo(pngHeader(6_000, 6_000, { idat: true })).width).toBe(6_000); // 36 MP, inside 40 MP
  });

  it('refuses what is not a PNG/JPEG, truncated or corrupt headers', () => {
    expect(codeOf(() => readImageInfo(Buffer.from('%PDF-1.7\n')))).toBe('IMAGE_UNREADABLE');
    expect(codeOf(() => readImageInfo(Buffer.alloc(0)))).toBe('IMAGE_UNREADABLE');
    expect(codeOf(() => readImageInfo(pngHeader(10, 10).subarray(0, 20)))).toBe('IMAGE_UNREADABLE');
    const badCrc = pngHeader(10, 10);
    badCrc[20] = 0xff; // height changed after the CRC was computed
    expect(codeOf(() => readImageInfo(badCrc))).toBe('IMAGE_UNREADABLE');
    expect(codeOf(() => readImageInfo(pngHeader(0, 10)))).toBe('IMAGE_UNREADABLE');
    // A JPEG cut before its frame header, and one whose segment length runs past the end.
    const jpeg = fixture('crop-emisor-200dpi.jpg');
    expect(codeOf(() => readImageInfo(jpeg.subarray(0, 4)))).toBe('IMAGE_UNREADABLE');
    const lying = Buffer.from(jpeg.subarray(0, 64));
    lying.writeUInt16BE(0xfff0, 4);
    expect(codeOf(() => readImageInfo(lying))).toBe('IMAGE_UNREADABLE');
    expect(codeOf(() => readImageInfo(Buffer.from([0xff, 0xd8, 0xff, 0x00, 0x00, 0x00])))).toBe(
      'IMAGE_UNREADABLE',
    );
  });

  it('refuses headers with no image data behind them (@napi-rs/canvas segfaults on those)', () => {
    expect(codeOf(() => readImageInfo(pngHeader(100, 100)))).toBe('IMAGE_UNREADABLE');
    expect(codeOf(() => readImageInfo(jpegWithoutScan(fixture('crop-emisor-200dpi.jpg'))))).toBe(
      'IMAGE_UNREADABLE',
    );
  });

  it("reads a JPEG's EXIF orientation", () => {
    const rotated = withExifOrientation(fixture('crop-emisor-200dpi.jpg'), 6);
    expect(readImageInfo(rotated)).toMatchObject({ width: 1716, height: 110, orientation: 6 });
  });
});

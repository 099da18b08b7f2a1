import { createCanvas, loadImage } from '@napi-rs/canvas';
import { describe, expect, it } from 'vitest';
import { ImageError, readImageInfo } from './image-info.js';
import { prepareImage } from './prepare-image.js';
import { createPrepareImageRunner } from './prepare-image-runner.js';
import { fixture, jpegWithoutScan, pngHeader, withExifOrientation } from './testing/images.js';

describe('prepareImage', () => {
  it('downscales so the long side is at most maxSide, into an 8-bit gray PGM', async () => {
    const out = await prepareImage(fixture('scan-cfdi40-real-200dpi.jpg'), { maxSide: 1000 });
    expect(out).toMatchObject({ format: 'pgm', width: 720, height: 1000 });
    expect(out.scale).toBeCloseTo(1000 / 2383, 5);
    const header = 'P5\n720 1000\n255\n';
    expect(out.image.subarray(0, header.length).toString('latin1')).toBe(header);
    expect(out.image.length).toBe(header.length + 720 * 1000);
  });

  it('or into a PNG', async () => {
    const out = await prepareImage(fixture('scan-cfdi40-real-200dpi.jpg'), { maxSide: 1000, format: 'png' });
    expect(readImageInfo(out.image)).toMatchObject({ format: 'png', width: 720, height: 1000 });
  });

  it('runs on a worker thread through the runner, with the same refusals', async () => {
    const runner = createPrepareImageRunner();
    const out = await runner.prepare(fixture('crop-emisor-200dpi.jpg'));
    expect(out).toMatchObject({ format: 'pgm', width: 1716, height: 110 });
    expect(Buffer.isBuffer(out.image)).toBe(true);
    const err = await runner.prepare(pngHeader(50_000, 50_000)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ImageError);
    expect(err).toMatchObject({ code: 'IMAGE_TOO_LARGE' });
  });

  it('never upscales', async () => {
    const out = await prepareImage(fixture('crop-emisor-200dpi.jpg'));
    expect(out).toMatchObject({ width: 1716, height: 110, scale: 1 });
  });

  it('applies the EXIF orientation of a photo (the decoder does it)', async () => {
    const rotated = withExifOrientation(fixture('crop-emisor-200dpi.jpg'), 6);
    const out = await prepareImage(rotated);
    expect(out.source.orientation).toBe(6);
    expect(out).toMatchObject({ width: 110, height: 1716 });
  });

  it('flattens transparency onto white (transparent pixels are black to tesseract otherwise)', async () => {
    const canvas = createCanvas(20, 20);
    const png = await canvas.encode('png'); // fully transparent
    const out = await prepareImage(png, { format: 'png' });
    const decoded = await loadImage(out.image);
    const ctx = createCanvas(20, 20).getContext('2d');
    ctx.drawImage(decoded, 0, 0);
    expect(Array.from(ctx.getImageData(10, 10, 1, 1).data)).toEqual([255, 255, 255, 255]);
  });

  it('refuses a decompression bomb before decoding and garbage at decoding', async () => {
    await expect(prepareImage(pngHeader(50_000, 50_000))).rejects.toMatchObject({ code: 'IMAGE_TOO_LARGE' });
    // Headers with no pixel data behind them: handed to the decoder, these crash the process.
    await expect(prepareImage(pngHeader(100, 100))).rejects.toMatchObject({ code: 'IMAGE_UNREADABLE' });
    await expect(prepareImage(jpegWithoutScan(fixture('crop-emisor-200dpi.jpg')))).rejects.toMatchObject({
      code: 'IMAGE_UNREADABLE',
    });
    // Data that is not a valid zlib stream decodes to a blank image: the header matched, OCR finds nothing.
    const blank = await prepareImage(pngHeader(100, 100, { idat: true }));
    expect(blank).toMatchObject({ width: 100, height: 100 });
  });
});

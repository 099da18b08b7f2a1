import { createCanvas, loadImage } from '@napi-rs/canvas';
import {
  DEFAULT_IMAGE_LIMITS,
  ImageError,
  type ImageInfo,
  type ImageLimits,
  readImageInfo,
} from './image-info.js';

export interface PrepareImageOptions {
  /** Longest side after downscaling (never upscaled). See README for the accuracy/time figures. */
  maxSide?: number;
  /**
   * `pgm` (default): 8-bit gray PNM, which tesseract reads as it reads PNG, built in ~40 ms of CPU
   * for a 200 dpi page where PNG encoding took ~800 ms (README). `png`: gray PNG, e.g. to store.
   */
  format?: 'pgm' | 'png';
  limits?: ImageLimits;
}

export interface PreparedImage {
  /** The image to hand to `OcrEngine.recognize`, in `format`. */
  image: Buffer;
  format: 'pgm' | 'png';
  width: number;
  height: number;
  /** Output px per source px (≤ 1). */
  scale: number;
  source: ImageInfo;
}

/**
 * 2,500 px on the long side is ~210 dpi on letter/A4: the figures in README.md show the same hits as
 * 300 dpi input at a lower OCR time, while 150 dpi starts losing identifier characters.
 */
export const DEFAULT_MAX_SIDE = 2500;

/**
 * Checks the header (`readImageInfo`: refuses huge or non-image input before decoding), decodes with
 * @napi-rs/canvas — whose decoder applies a JPEG's EXIF orientation itself — downscales so the long
 * side is ≤ `maxSide`, and writes a gray image for OCR (PGM by default, PNG on request).
 * Decoding and resizing hold the calling thread (~100 ms for a 300 dpi scan): in the server call it
 * through `createPrepareImageRunner` (prepare-image-runner.ts), which runs it on a worker thread.
 */
export async function prepareImage(
  bytes: Uint8Array,
  options: PrepareImageOptions = {},
): Promise<PreparedImage> {
  const maxSide = options.maxSide ?? DEFAULT_MAX_SIDE;
  const source = readImageInfo(bytes, options.limits ?? DEFAULT_IMAGE_LIMITS);
  let image: Awaited<ReturnType<typeof loadImage>>;
  try {
    image = await loadImage(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  } catch (err) {
    throw new ImageError('IMAGE_UNREADABLE', 'the image could not be decoded', { cause: err });
  }
  const w = image.width;
  const h = image.height;
  // The decoder may swap the sides (EXIF orientation 5–8) but must not invent pixels.
  if (!w || !h || w * h !== source.width * source.height) {
    throw new ImageError('IMAGE_UNREADABLE', 'the decoded image does not match its header');
  }
  const scale = Math.min(1, maxSide / Math.max(w, h));
  const width = Math.max(1, Math.round(w * scale));
  const height = Math.max(1, Math.round(h * scale));
  const canvas = createCanvas(width, height);
  const ctx = canvas.getContext('2d');
  ctx.imageSmoothingEnabled = true;
  ctx.imageSmoothingQuality = 'high';
  const format = options.format ?? 'pgm';
  if (format === 'png') ctx.filter = 'grayscale(1)';
  // White first: a transparent PNG would otherwise reach tesseract as black text on black.
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, width, height);
  ctx.drawImage(image, 0, 0, width, height);
  if (format === 'png') {
    return { image: await canvas.encode('png'), format, width, height, scale, source };
  }
  return { image: toPgm(ctx.getImageData(0, 0, width, height)), format, width, height, scale, source };
}

/** Binary PGM (P5): header, then one luma byte per pixel (ITU-R BT.601 weights, integer). */
function toPgm({ data, width, height }: { data: Uint8ClampedArray; width: number; height: number }): Buffer {
  const header = Buffer.from(`P5\n${width} ${height}\n255\n`, 'latin1');
  const out = Buffer.allocUnsafe(header.length + width * height);
  header.copy(out);
  for (let i = 0, j = header.length; j < out.length; i += 4, j++) {
    out[j] = (data[i]! * 77 + data[i + 1]! * 150 + data[i + 2]! * 29) >> 8;
  }
  return out;
}

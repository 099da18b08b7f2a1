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
  /** Draw through a grayscale filter (smaller PNG, same OCR input: tesseract binarises anyway). */
  grayscale?: boolean;
  limits?: ImageLimits;
}

export interface PreparedImage {
  png: Buffer;
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
 * side is ≤ `maxSide`, optionally grayscale, and encodes a PNG for OCR.
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
  if (options.grayscale ?? true) ctx.filter = 'grayscale(1)';
  // White first: a transparent PNG would otherwise reach tesseract as black text on black.
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, width, height);
  ctx.drawImage(image, 0, 0, width, height);
  const png = await canvas.encode('png');
  return { png, width, height, scale, source };
}

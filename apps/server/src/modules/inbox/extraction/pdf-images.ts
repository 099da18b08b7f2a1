import type { PDFDocumentProxy, PDFPageProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { loadPdfJs, openPdf } from './pdfjs.js';
import type { RgbaImage } from './qr.js';

/**
 * The raster images a page paints, as RGBA: a scanner's page image, or the QR pasted as a picture
 * by invoicing software. Decoding the QR from its own image takes milliseconds where rendering the
 * page at 200 dpi takes hundreds (docs/inbox-extraction.md §3.4).
 */
export interface PdfImageOptions {
  /** Skip images larger than this (the same cap as a rendered page). */
  maxPixels?: number;
  /** Skip icons and rules: a QR is ≥ 2.75 cm, tens of pixels even at 72 dpi. */
  minSide?: number;
}

const DEFAULT_MAX_PIXELS = 25_000_000;
const DEFAULT_MIN_SIDE = 40;

// pdf.js ImageKind: 1 = 1 bit/pixel gray (rows padded to a byte, 1 = white), 2 = RGB, 3 = RGBA.
function toRgba(image: {
  width: number;
  height: number;
  kind: number;
  data: Uint8Array | Uint8ClampedArray;
}): RgbaImage | null {
  const { width, height, kind, data } = image;
  const rgba = new Uint8ClampedArray(width * height * 4);
  if (kind === 3) {
    rgba.set(data.subarray(0, rgba.length));
  } else if (kind === 2) {
    for (let p = 0, q = 0; p < width * height; p++, q += 3) {
      rgba[p * 4] = data[q]!;
      rgba[p * 4 + 1] = data[q + 1]!;
      rgba[p * 4 + 2] = data[q + 2]!;
      rgba[p * 4 + 3] = 255;
    }
  } else if (kind === 1) {
    const rowBytes = (width + 7) >> 3;
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        const white = (data[y * rowBytes + (x >> 3)]! >> (7 - (x & 7))) & 1;
        const o = (y * width + x) * 4;
        rgba[o] = rgba[o + 1] = rgba[o + 2] = white ? 255 : 0;
        rgba[o + 3] = 255;
      }
    }
  } else {
    return null;
  }
  return { width, height, data: rgba };
}

function objectOf(page: PDFPageProxy, name: string): Promise<unknown> {
  // Images shared between pages live in commonObjs ("g_…" ids).
  const store = name.startsWith('g_') ? page.commonObjs : page.objs;
  return new Promise((resolve) => store.get(name, resolve));
}

/** Images painted on page `pageIndex` (0-based) of an open document. */
export async function extractOpenPdfImages(
  doc: PDFDocumentProxy,
  pageIndex: number,
  options: PdfImageOptions = {},
): Promise<RgbaImage[]> {
  const pdfjs = await loadPdfJs();
  const maxPixels = options.maxPixels ?? DEFAULT_MAX_PIXELS;
  const minSide = options.minSide ?? DEFAULT_MIN_SIDE;
  const page = await doc.getPage(pageIndex + 1);
  try {
    const ops = await page.getOperatorList();
    const out: RgbaImage[] = [];
    for (let i = 0; i < ops.fnArray.length; i++) {
      if (ops.fnArray[i] !== pdfjs.OPS.paintImageXObject) continue;
      const name = (ops.argsArray[i] as unknown[])[0];
      if (typeof name !== 'string') continue;
      const image = (await objectOf(page, name)) as {
        width?: number;
        height?: number;
        kind?: number;
        data?: Uint8Array;
      } | null;
      if (!image?.data || !image.width || !image.height || image.kind === undefined) continue;
      if (Math.min(image.width, image.height) < minSide || image.width * image.height > maxPixels) continue;
      const rgba = toRgba(image as Parameters<typeof toRgba>[0]);
      if (rgba) out.push(rgba);
    }
    return out;
  } finally {
    page.cleanup();
  }
}

/** Same from bytes; typed errors as readPdfText. */
export async function extractPdfImages(
  pdfBytes: Uint8Array,
  pageIndex: number,
  options: PdfImageOptions = {},
): Promise<RgbaImage[]> {
  const doc = await openPdf(pdfBytes, 10_000);
  try {
    return await extractOpenPdfImages(doc, pageIndex, options);
  } finally {
    await doc.destroy();
  }
}

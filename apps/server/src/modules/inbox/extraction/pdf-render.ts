import { createCanvas } from '@napi-rs/canvas';
import type { PDFDocumentProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { ExtractionError } from './errors.js';
import { openPdf, withDeadline } from './pdfjs.js';

/**
 * A page rasterised at a given dpi. 25 megapixels is an A4 page at ~500 dpi: far above what OCR or
 * the QR need (200–300 dpi), and it keeps one RGBA buffer at 100 MB at most.
 */
export const MAX_RENDER_PIXELS = 25_000_000;
export const DEFAULT_RENDER_TIMEOUT_MS = 15_000;

export interface RenderedPage {
  width: number;
  height: number;
  /** RGBA, 4 bytes per pixel, row-major: what zxing reads without a PNG round trip. */
  rgba: Uint8ClampedArray;
}

export interface RenderedPng {
  png: Buffer;
  width: number;
  height: number;
}

/** Renders page `pageIndex` (0-based) of an open document; shrinks the dpi to stay under the pixel cap. */
export async function renderOpenPage(
  doc: PDFDocumentProxy,
  pageIndex: number,
  dpi: number,
  timeoutMs = DEFAULT_RENDER_TIMEOUT_MS,
): Promise<RenderedPage & { toPng: () => Promise<Buffer> }> {
  if (!Number.isInteger(pageIndex) || pageIndex < 0 || pageIndex >= doc.numPages) {
    throw new RangeError(`page ${pageIndex} out of range (0–${doc.numPages - 1})`);
  }
  const page = await doc.getPage(pageIndex + 1);
  try {
    // PDF user space is 72 units per inch.
    let scale = dpi / 72;
    const base = page.getViewport({ scale: 1 });
    const pixels = base.width * base.height * scale * scale;
    if (pixels > MAX_RENDER_PIXELS) scale *= Math.sqrt(MAX_RENDER_PIXELS / pixels);
    const viewport = page.getViewport({ scale });
    const width = Math.max(1, Math.floor(viewport.width));
    const height = Math.max(1, Math.floor(viewport.height));
    const canvas = createCanvas(width, height);
    const context = canvas.getContext('2d');
    // A white sheet: a transparent background reads as black to a binarizer.
    context.fillStyle = '#ffffff';
    context.fillRect(0, 0, width, height);
    // pdf.js types its parameters with DOM classes; @napi-rs/canvas implements the same API.
    type RenderParameters = Parameters<typeof page.render>[0];
    const task = page.render({
      canvas: canvas as unknown as RenderParameters['canvas'],
      canvasContext: context as unknown as RenderParameters['canvasContext'],
      viewport,
    });
    try {
      await withDeadline(task.promise, timeoutMs, `rendering page ${pageIndex + 1}`);
    } catch (error) {
      task.cancel();
      throw error;
    }
    const rgba = context.getImageData(0, 0, width, height).data;
    return { width, height, rgba, toPng: () => canvas.encode('png') };
  } finally {
    page.cleanup();
  }
}

/**
 * For the OCR engine: page `pageIndex` (0-based) as a PNG at `dpi` (capped at MAX_RENDER_PIXELS).
 * Typed errors as readPdfText: PDF_ENCRYPTED, PDF_UNREADABLE, EXTRACTION_TIMEOUT.
 */
export async function renderPdfPage(
  pdfBytes: Uint8Array,
  pageIndex: number,
  dpi: number,
): Promise<RenderedPng> {
  const doc = await openPdf(pdfBytes, DEFAULT_RENDER_TIMEOUT_MS);
  try {
    const page = await renderOpenPage(doc, pageIndex, dpi).catch((error: unknown) => {
      if (error instanceof ExtractionError || error instanceof RangeError) throw error;
      throw new ExtractionError('PDF_UNREADABLE', `page ${pageIndex + 1} cannot be rendered`, {
        cause: error,
      });
    });
    return { png: await page.toPng(), width: page.width, height: page.height };
  } finally {
    await doc.destroy();
  }
}

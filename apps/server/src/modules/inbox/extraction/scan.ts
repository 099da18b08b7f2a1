import type { InvoicePreview } from '@boveda/contracts';
import type { PDFDocumentProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { DEFAULT_IMAGE_LIMITS, ImageError, readImageInfo } from '../ocr/index.js';
import { extractAnchored } from './anchors.js';
import { ExtractionError } from './errors.js';
import { mergeSources } from './merge.js';
import { extractOpenPdfImages } from './pdf-images.js';
import { renderOpenPage } from './pdf-render.js';
import { DEFAULT_MAX_PAGES, DEFAULT_PDF_TIME_BUDGET_MS, readOpenPdfText } from './pdf-text.js';
import { openPdf } from './pdfjs.js';
import { decodeCfdiQr } from './qr.js';
import type { QrExpression } from './qr-expression.js';

/**
 * The binary stages (PDF and images): everything that needs pdf.js or zxing and nothing from the
 * cfdi module, so a worker thread can load this file alone (extraction.worker.ts).
 */

/** Recognises the text of one page image (PNG from a rendered PDF page, or the uploaded PNG/JPEG). */
export type OcrFunction = (image: Buffer) => Promise<{ text: string }>;

export interface ExtractOptions {
  /** Absent: image-only pages and photos yield the QR's fields only. */
  ocr?: OcrFunction;
  /** PDF_TOO_MANY_PAGES above this (default 50). */
  maxPages?: number;
  /** Budget for pdf.js work (open, text, renders), default 10 s; OCR is the OCR engine's to bound. */
  timeBudgetMs?: number;
  /** Image-only PDFs: how many pages to render and OCR (default 3: a CFDI's data is on page 1). */
  maxOcrPages?: number;
  /** Render resolution for OCR (default 200 dpi, the best measured for Tesseract). */
  ocrDpi?: number;
  /** Pixel cap for uploaded images (IMAGE_TOO_LARGE above, default 40 MP). */
  maxImagePixels?: number;
  /** Preview an XML without TimbreFiscalDigital (failed UUID_MISSING check) instead of XML_NOT_CFDI. */
  allowUnstamped?: boolean;
  /** For the date check. */
  now?: Date;
}

export type ExtractionKind = 'xml' | 'pdf-text' | 'pdf-image' | 'image';

export interface ExtractionResult {
  kind: ExtractionKind;
  preview: InvoicePreview;
  /** The text the anchors read (text layer or OCR), pages separated by form feeds; absent for XML. */
  text?: string;
  /** Pages in the PDF; 1 for an image or an XML. */
  pages: number;
  qr?: QrExpression;
  /** The PDF declares encryption but opened without a password. */
  encrypted?: boolean;
}

export const DEFAULT_MAX_OCR_PAGES = 3;
export const DEFAULT_OCR_DPI = 200;
export const DEFAULT_MAX_IMAGE_PIXELS = 40_000_000;
// Vector QRs of printed CFDI decode at 100 dpi (measured: 3–15 ms); scans need more pixels.
const QR_FAST_DPI = 100;
const QR_SLOW_DPI = 200;

/**
 * Everything that needs pdf.js or zxing, without OCR: the part that can run on a worker thread
 * (extract-isolated.ts). XML and text-layer PDFs come out finished (`preview`); image-only PDFs and
 * images come out with their QR and, when asked, the page images to OCR.
 */
export interface DocumentScan {
  kind: ExtractionKind;
  pages: number;
  qr: QrExpression | null;
  encrypted?: boolean;
  /** Set when no OCR is needed (xml, pdf-text). */
  preview?: InvoicePreview;
  text?: string;
  /** pdf-image: rendered pages as PNG; image: the upload itself. Empty unless `withOcrImages`. */
  ocrImages: Uint8Array[];
}

export type ScanOptions = Omit<ExtractOptions, 'ocr'> & { withOcrImages?: boolean };

/** PDF, PNG or JPEG bytes (already sniffed) through pdf.js/zxing; throws ExtractionError. */
export function scanBinary(
  bytes: Uint8Array,
  type: 'pdf' | 'png' | 'jpeg',
  options: ScanOptions,
): Promise<DocumentScan> {
  return type === 'pdf' ? fromPdf(bytes, options) : fromImage(bytes, options);
}

async function qrFromPages(
  doc: PDFDocumentProxy,
  deadline: number,
  dpis: number[],
): Promise<QrExpression | null> {
  // The QR sits on page 1 or, on multi-page layouts, on the last page with the seals.
  const pages = doc.numPages > 1 ? [0, doc.numPages - 1] : [0];
  for (const dpi of dpis) {
    for (const index of pages) {
      const remaining = deadline - performance.now();
      if (remaining <= 0) return null;
      const page = await renderOpenPage(doc, index, dpi, remaining);
      const qr = await decodeCfdiQr({ width: page.width, height: page.height, data: page.rgba });
      if (qr) return qr;
    }
  }
  return null;
}

async function qrFromEmbeddedImages(doc: PDFDocumentProxy, deadline: number): Promise<QrExpression | null> {
  const pages = doc.numPages > 1 ? [0, doc.numPages - 1] : [0];
  for (const index of pages) {
    if (performance.now() >= deadline) return null;
    // Smallest first: a QR pasted as its own picture decodes in a few ms; a full scan takes longer.
    const images = (await extractOpenPdfImages(doc, index)).sort(
      (a, b) => a.width * a.height - b.width * b.height,
    );
    for (const image of images) {
      if (performance.now() >= deadline) return null;
      const qr = await decodeCfdiQr(image);
      if (qr) return qr;
    }
  }
  return null;
}

async function fromPdf(bytes: Uint8Array, options: ScanOptions): Promise<DocumentScan> {
  const budget = options.timeBudgetMs ?? DEFAULT_PDF_TIME_BUDGET_MS;
  const deadline = performance.now() + budget;
  const doc = await openPdf(bytes, budget);
  try {
    const text = await readOpenPdfText(doc, bytes, {
      maxPages: options.maxPages ?? DEFAULT_MAX_PAGES,
      deadline,
    });
    const encrypted = text.encrypted ? { encrypted: true } : {};
    if (text.hasTextLayer) {
      const joined = text.pages.join('\n\f\n');
      // A QR that fails to render is not fatal: the text layer still stands.
      const qr = await qrFromPages(doc, deadline, [QR_FAST_DPI, QR_SLOW_DPI]).catch(() => null);
      const preview = mergeSources({
        anchors: extractAnchored(joined),
        anchorSource: 'text',
        qr,
        now: options.now,
      });
      return {
        kind: 'pdf-text',
        pages: text.pageCount,
        qr,
        preview,
        text: joined,
        ocrImages: [],
        ...encrypted,
      };
    }
    // Image-only: render at OCR resolution once and use the same pixels for the QR.
    const ocrPages = Math.min(doc.numPages, options.maxOcrPages ?? DEFAULT_MAX_OCR_PAGES);
    const dpi = options.ocrDpi ?? DEFAULT_OCR_DPI;
    // The page images themselves first: milliseconds, and no render at all when OCR is not wanted.
    let qr = await qrFromEmbeddedImages(doc, deadline).catch(() => null);
    const ocrImages: Uint8Array[] = [];
    for (let i = 0; i < (options.withOcrImages || !qr ? ocrPages : 0); i++) {
      const remaining = deadline - performance.now();
      if (remaining <= 0)
        throw new ExtractionError('EXTRACTION_TIMEOUT', `rendering ran out of time at page ${i + 1}`);
      const page = await renderOpenPage(doc, i, dpi, remaining).catch((error: unknown) => {
        if (error instanceof ExtractionError) throw error;
        throw new ExtractionError('PDF_UNREADABLE', `page ${i + 1} cannot be rendered`, { cause: error });
      });
      qr ??= await decodeCfdiQr({ width: page.width, height: page.height, data: page.rgba });
      if (options.withOcrImages) ocrImages.push(await page.toPng());
      else if (qr) break;
    }
    if (!qr && doc.numPages > ocrPages) qr = await qrFromPages(doc, deadline, [dpi]).catch(() => null);
    return { kind: 'pdf-image', pages: text.pageCount, qr, ocrImages, ...encrypted };
  } finally {
    await doc.destroy();
  }
}

async function fromImage(bytes: Uint8Array, options: ScanOptions): Promise<DocumentScan> {
  // Checked before any decoder sees the bytes: a 100-byte PNG can claim 4 GP, and a header with no
  // pixel data behind it crashes @napi-rs/canvas (ocr/image-info.ts).
  try {
    const cap = options.maxImagePixels ?? DEFAULT_MAX_IMAGE_PIXELS;
    readImageInfo(bytes, { ...DEFAULT_IMAGE_LIMITS, maxPixels: cap });
  } catch (error) {
    if (error instanceof ImageError) throw new ExtractionError(error.code, error.message);
    throw error;
  }
  const qr = await decodeCfdiQr(bytes).catch(() => null);
  return { kind: 'image', pages: 1, qr, ocrImages: options.withOcrImages ? [bytes] : [] };
}

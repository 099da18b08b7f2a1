import type { InvoicePreview } from '@boveda/contracts';
import type { PDFDocumentProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { isCfdiParseError, parseCfdi } from '../../cfdi/index.js';
import { extractAnchored } from './anchors.js';
import { runChecks } from './checks.js';
import { ExtractionError } from './errors.js';
import { previewFromCfdi } from './from-xml.js';
import { applyChecks, mergeSources } from './merge.js';
import { renderOpenPage } from './pdf-render.js';
import { DEFAULT_MAX_PAGES, DEFAULT_PDF_TIME_BUDGET_MS, readOpenPdfText } from './pdf-text.js';
import { openPdf } from './pdfjs.js';
import { decodeCfdiQr } from './qr.js';
import type { QrExpression } from './qr-expression.js';
import { imageDimensions, sniffType } from './sniff.js';

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
 * The pipeline: sniff → XML (the CFDI itself) | PDF (text layer + QR, or rendered pages → QR + OCR)
 * | image (QR + OCR) → anchors → merge with confidence → checks. Throws ExtractionError.
 */
export async function extractDocument(
  bytes: Uint8Array,
  options: ExtractOptions = {},
): Promise<ExtractionResult> {
  const type = sniffType(bytes);
  switch (type) {
    case 'empty':
      throw new ExtractionError('EMPTY_FILE', 'the file is empty');
    case 'other-xml':
      throw new ExtractionError('XML_NOT_CFDI', 'the XML is not a CFDI 3.x/4.0 Comprobante');
    case 'unsupported':
      throw new ExtractionError('UNSUPPORTED_TYPE', 'not a PDF, PNG, JPEG or CFDI XML');
    case 'xml':
      return fromXml(bytes, options);
    case 'pdf':
      return fromPdf(bytes, options);
    case 'png':
    case 'jpeg':
      return fromImage(bytes, options);
  }
}

function fromXml(bytes: Uint8Array, options: ExtractOptions): ExtractionResult {
  let preview: InvoicePreview;
  try {
    // An unstamped XML still previews; the missing UUID shows as a failed check.
    const cfdi = parseCfdi(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), {
      allowMissingUuid: true,
    });
    if (cfdi.kind !== 'cfdi')
      throw new ExtractionError('XML_NOT_CFDI', `a ${cfdi.kind} document is not a CFDI`);
    preview = previewFromCfdi(cfdi);
  } catch (error) {
    if (error instanceof ExtractionError) throw error;
    if (isCfdiParseError(error)) {
      const code =
        error.code === 'NOT_CFDI' || error.code === 'UNSUPPORTED_VERSION' ? 'XML_NOT_CFDI' : 'XML_INVALID';
      throw new ExtractionError(code, `${error.code}: ${error.message}`, { cause: error });
    }
    throw error;
  }
  const checks = runChecks(preview, { now: options.now });
  if (!preview.fields.uuid) {
    checks.push({
      code: 'UUID_MISSING',
      ok: false,
      message: 'the XML has no TimbreFiscalDigital: not stamped',
      fields: ['uuid'],
    });
  }
  return { kind: 'xml', preview: applyChecks(preview, checks), pages: 1 };
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

async function fromPdf(bytes: Uint8Array, options: ExtractOptions): Promise<ExtractionResult> {
  const budget = options.timeBudgetMs ?? DEFAULT_PDF_TIME_BUDGET_MS;
  const deadline = performance.now() + budget;
  const doc = await openPdf(bytes, budget);
  try {
    const text = await readOpenPdfText(doc, bytes, {
      maxPages: options.maxPages ?? DEFAULT_MAX_PAGES,
      deadline,
    });
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
      return result('pdf-text', preview, joined, text.pageCount, qr, text.encrypted);
    }
    // Image-only: render at OCR resolution once and use the same pixels for the QR.
    const ocrPages = Math.min(doc.numPages, options.maxOcrPages ?? DEFAULT_MAX_OCR_PAGES);
    const dpi = options.ocrDpi ?? DEFAULT_OCR_DPI;
    let qr: QrExpression | null = null;
    const texts: string[] = [];
    for (let i = 0; i < ocrPages; i++) {
      const remaining = deadline - performance.now();
      if (remaining <= 0)
        throw new ExtractionError('PDF_TIMEOUT', `rendering ran out of time at page ${i + 1}`);
      const page = await renderOpenPage(doc, i, dpi, remaining).catch((error: unknown) => {
        if (error instanceof ExtractionError) throw error;
        throw new ExtractionError('PDF_UNREADABLE', `page ${i + 1} cannot be rendered`, { cause: error });
      });
      qr ??= await decodeCfdiQr({ width: page.width, height: page.height, data: page.rgba });
      if (options.ocr) texts.push((await options.ocr(await page.toPng())).text);
    }
    if (!qr && doc.numPages > ocrPages) qr = await qrFromPages(doc, deadline, [dpi]).catch(() => null);
    const joined = texts.join('\n\f\n');
    const anchors = options.ocr ? extractAnchored(joined) : null;
    const preview = mergeSources({ anchors, anchorSource: 'ocr', qr, now: options.now });
    return result('pdf-image', preview, options.ocr ? joined : undefined, text.pageCount, qr, text.encrypted);
  } finally {
    await doc.destroy();
  }
}

async function fromImage(bytes: Uint8Array, options: ExtractOptions): Promise<ExtractionResult> {
  const size = imageDimensions(bytes);
  if (!size || size.width === 0 || size.height === 0) {
    throw new ExtractionError('IMAGE_UNREADABLE', 'the image header is missing or corrupt');
  }
  const cap = options.maxImagePixels ?? DEFAULT_MAX_IMAGE_PIXELS;
  // Checked before any decoder allocates width × height × 4 bytes: a 100-byte PNG can claim 4 GP.
  if (size.width * size.height > cap) {
    throw new ExtractionError('IMAGE_TOO_LARGE', `${size.width}×${size.height} is over ${cap} pixels`);
  }
  const qr = await decodeCfdiQr(bytes).catch(() => null);
  const image = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const text = options.ocr ? (await options.ocr(image)).text : undefined;
  const anchors = text !== undefined ? extractAnchored(text) : null;
  const preview = mergeSources({ anchors, anchorSource: 'ocr', qr, now: options.now });
  return result('image', preview, text, 1, qr, undefined);
}

function result(
  kind: ExtractionKind,
  preview: InvoicePreview,
  text: string | undefined,
  pages: number,
  qr: QrExpression | null,
  encrypted: boolean | undefined,
): ExtractionResult {
  return {
    kind,
    preview,
    pages,
    ...(text !== undefined ? { text } : {}),
    ...(qr ? { qr } : {}),
    ...(encrypted ? { encrypted } : {}),
  };
}

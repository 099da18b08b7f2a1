import type { InvoicePreview } from '@boveda/contracts';
import { isCfdiParseError, parseCfdi } from '../../cfdi/index.js';
import { extractAnchored } from './anchors.js';
import { runChecks } from './checks.js';
import { ExtractionError } from './errors.js';
import { previewFromCfdi } from './from-xml.js';
import { applyChecks, mergeSources } from './merge.js';
import {
  type DocumentScan,
  type ExtractionResult,
  type ExtractOptions,
  type ScanOptions,
  scanBinary,
} from './scan.js';
import { sniffType } from './sniff.js';

export {
  DEFAULT_MAX_IMAGE_PIXELS,
  DEFAULT_MAX_OCR_PAGES,
  DEFAULT_OCR_DPI,
  type DocumentScan,
  type ExtractionKind,
  type ExtractionResult,
  type ExtractOptions,
  type OcrFunction,
  type ScanOptions,
} from './scan.js';

/**
 * The pipeline: sniff → XML (the CFDI itself) | PDF (text layer + QR, or rendered pages → QR + OCR)
 * | image (QR + OCR) → anchors → merge with confidence → checks. Throws ExtractionError.
 */
export async function extractDocument(
  bytes: Uint8Array,
  options: ExtractOptions = {},
): Promise<ExtractionResult> {
  const scan = await scanDocument(bytes, { ...options, withOcrImages: options.ocr !== undefined });
  return finishExtraction(scan, options);
}

/** Sniffs and runs the pdf.js/zxing stages; throws ExtractionError. */
export async function scanDocument(bytes: Uint8Array, options: ScanOptions = {}): Promise<DocumentScan> {
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
    case 'png':
    case 'jpeg':
      return scanBinary(bytes, type, options);
  }
}

/** OCR (when the scan needs it and a function is given), anchors, merge and checks. */
export async function finishExtraction(
  scan: DocumentScan,
  options: ExtractOptions = {},
): Promise<ExtractionResult> {
  const base = {
    kind: scan.kind,
    pages: scan.pages,
    ...(scan.qr ? { qr: scan.qr } : {}),
    ...(scan.encrypted ? { encrypted: true } : {}),
  };
  if (scan.preview)
    return { ...base, preview: scan.preview, ...(scan.text !== undefined ? { text: scan.text } : {}) };
  let text: string | undefined;
  if (options.ocr && scan.ocrImages.length > 0) {
    const texts: string[] = [];
    for (const image of scan.ocrImages) {
      texts.push((await options.ocr(Buffer.from(image.buffer, image.byteOffset, image.byteLength))).text);
    }
    text = texts.join('\n\f\n');
  }
  const anchors = text !== undefined ? extractAnchored(text) : null;
  const preview = mergeSources({ anchors, anchorSource: 'ocr', qr: scan.qr, now: options.now });
  return { ...base, preview, ...(text !== undefined ? { text } : {}) };
}

function fromXml(bytes: Uint8Array, options: ScanOptions): DocumentScan {
  let preview: InvoicePreview;
  try {
    // An unstamped XML is no fiscal document (MISSING_UUID → XML_NOT_CFDI) unless the caller wants
    // a preview of it anyway; then the missing UUID shows as a failed check.
    const cfdi = parseCfdi(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), {
      allowMissingUuid: options.allowUnstamped === true,
    });
    if (cfdi.kind !== 'cfdi')
      throw new ExtractionError('XML_NOT_CFDI', `a ${cfdi.kind} document is not a CFDI`);
    preview = previewFromCfdi(cfdi);
  } catch (error) {
    if (error instanceof ExtractionError) throw error;
    if (isCfdiParseError(error)) {
      // One public code ("not a valid stamped CFDI"); the parser's own code leads the message.
      throw new ExtractionError('XML_NOT_CFDI', `${error.code}: ${error.message}`, { cause: error });
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
  return { kind: 'xml', preview: applyChecks(preview, checks), pages: 1, qr: null, ocrImages: [] };
}

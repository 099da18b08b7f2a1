import type { PDFDocumentProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { ExtractionError } from './errors.js';
import { openPdf, withDeadline } from './pdfjs.js';

export interface PdfTextOptions {
  /** Refuse longer documents: an invoice is a few pages; hundreds mean the wrong file or an attack. */
  maxPages?: number;
  /** Whole budget for opening and reading every page. */
  timeBudgetMs?: number;
}

export interface PdfText {
  pageCount: number;
  /** One string per page, lines rebuilt from positions, lines joined with '\n'. */
  pages: string[];
  /** Fewer than MIN_CHARS_PER_PAGE visible characters per page on average: a scan, OCR it. */
  hasTextLayer: boolean;
  /** The file declares encryption but opened without a password (owner-password only). */
  encrypted: boolean;
}

export const DEFAULT_MAX_PAGES = 50;
export const DEFAULT_PDF_TIME_BUDGET_MS = 10_000;
// A printed CFDI has ≥ 1 000 characters per page; a scanned page has 0–a few (a producer's stamp).
export const MIN_CHARS_PER_PAGE = 100;

interface Item {
  str: string;
  x: number;
  y: number;
  width: number;
  height: number;
}

/**
 * Rebuilds reading lines: items whose baselines are within half a glyph height are one line, sorted
 * left to right, with a space (or several, for wide gaps) between pieces that don't touch. Joining
 * pdf.js items in stream order instead splits "Total:" from its value when the producer drew the
 * columns of a table one after the other.
 */
export function itemsToLines(items: Item[]): string[] {
  const sorted = items.filter((i) => i.str.trim() !== '').sort((a, b) => b.y - a.y || a.x - b.x);
  const lines: Item[][] = [];
  for (const item of sorted) {
    const line = lines.at(-1);
    const tolerance = Math.max(2, Math.min(item.height, line?.[0]?.height ?? item.height) * 0.5);
    if (line && Math.abs(line[0]!.y - item.y) <= tolerance) line.push(item);
    else lines.push([item]);
  }
  return lines.map((line) => {
    line.sort((a, b) => a.x - b.x);
    let text = '';
    let end = Number.NEGATIVE_INFINITY;
    for (const item of line) {
      const gap = item.x - end;
      const em = Math.max(item.height, 1);
      // Wide gaps separate table columns: keep them visible as a run of spaces for the anchors.
      if (text !== '') text += gap > em * 1.5 ? '   ' : gap > em * 0.15 ? ' ' : '';
      text += item.str;
      end = Math.max(end, item.x + item.width);
    }
    return text.replace(/[ \t]+$/, '');
  });
}

async function pageLines(doc: PDFDocumentProxy, pageNumber: number): Promise<string> {
  const page = await doc.getPage(pageNumber);
  try {
    const content = await page.getTextContent();
    const items: Item[] = [];
    for (const raw of content.items) {
      if (!('str' in raw)) continue;
      // transform = [a, b, c, d, e, f]: e/f are the baseline origin in user space.
      const t = raw.transform as number[];
      items.push({
        str: raw.str,
        x: t[4] ?? 0,
        y: t[5] ?? 0,
        width: raw.width,
        height: raw.height || Math.abs(t[3] ?? 0),
      });
    }
    return itemsToLines(items).join('\n');
  } finally {
    page.cleanup();
  }
}

export function declaresEncryption(bytes: Uint8Array): boolean {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).includes('/Encrypt');
}

/** Text of every page, or a typed error: PDF_ENCRYPTED, PDF_UNREADABLE, PDF_TOO_MANY_PAGES, EXTRACTION_TIMEOUT. */
export async function readPdfText(bytes: Uint8Array, options: PdfTextOptions = {}): Promise<PdfText> {
  const budget = options.timeBudgetMs ?? DEFAULT_PDF_TIME_BUDGET_MS;
  const deadline = performance.now() + budget;
  const doc = await openPdf(bytes, budget);
  try {
    return await readOpenPdfText(doc, bytes, { ...options, deadline });
  } finally {
    await doc.destroy();
  }
}

/** Same on a document already open (the pipeline renders pages of it afterwards). */
export async function readOpenPdfText(
  doc: PDFDocumentProxy,
  bytes: Uint8Array,
  options: PdfTextOptions & { deadline: number },
): Promise<PdfText> {
  const maxPages = options.maxPages ?? DEFAULT_MAX_PAGES;
  const remaining = () => options.deadline - performance.now();
  if (doc.numPages > maxPages) {
    throw new ExtractionError('PDF_TOO_MANY_PAGES', `the PDF has ${doc.numPages} pages (limit ${maxPages})`);
  }
  const pages: string[] = [];
  for (let n = 1; n <= doc.numPages; n++) {
    if (remaining() <= 0) throw new ExtractionError('EXTRACTION_TIMEOUT', 'reading the text ran out of time');
    try {
      pages.push(await withDeadline(pageLines(doc, n), remaining(), `reading page ${n}`));
    } catch (error) {
      if (error instanceof ExtractionError) throw error;
      throw new ExtractionError('PDF_UNREADABLE', `page ${n} cannot be read: ${(error as Error).message}`, {
        cause: error,
      });
    }
  }
  const visible = pages.reduce((sum, p) => sum + p.replace(/\s/g, '').length, 0);
  return {
    pageCount: doc.numPages,
    pages,
    hasTextLayer: visible / Math.max(1, doc.numPages) >= MIN_CHARS_PER_PAGE,
    encrypted: declaresEncryption(bytes),
  };
}

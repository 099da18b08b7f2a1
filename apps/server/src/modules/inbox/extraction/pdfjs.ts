import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { PDFDocumentProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { ExtractionError } from './errors.js';

/**
 * pdf.js, configured once for a server: the legacy build (the modern one needs Node ≥ 22 APIs),
 * no eval (a PDF's fonts must not compile into JS), no font-face, and every asset (wasm decoders for
 * JPEG 2000, standard fonts, CMaps) from node_modules: pdf.js never fetches from the network.
 */
const require = createRequire(import.meta.url);
const PDFJS_ROOT = dirname(require.resolve('pdfjs-dist/package.json'));
// pdf.js concatenates these with file names, so they must end with a slash.
const asset = (folder: string) => `${pathToFileURL(join(PDFJS_ROOT, folder)).href}/`;
const ASSETS = {
  wasmUrl: asset('wasm'),
  standardFontDataUrl: asset('standard_fonts'),
  cMapUrl: asset('cmaps'),
  cMapPacked: true,
};

type PdfJs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');
let pdfjsPromise: Promise<PdfJs> | undefined;
export const loadPdfJs = (): Promise<PdfJs> => {
  pdfjsPromise ??= import('pdfjs-dist/legacy/build/pdf.mjs');
  return pdfjsPromise;
};

/** Rejects after `ms`; the caller destroys the document so pdf.js stops its work. */
export function withDeadline<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new ExtractionError('EXTRACTION_TIMEOUT', `${what} took over ${ms} ms`)),
      ms,
    );
  });
  return Promise.race([work, deadline]).finally(() => clearTimeout(timer));
}

/**
 * Opens a PDF or throws a typed error: a password → PDF_ENCRYPTED, anything pdf.js cannot parse →
 * PDF_UNREADABLE. The bytes are copied because pdf.js transfers (detaches) the buffer it is given.
 */
export async function openPdf(bytes: Uint8Array, timeoutMs: number): Promise<PDFDocumentProxy> {
  const pdfjs = await loadPdfJs();
  const task = pdfjs.getDocument({
    data: new Uint8Array(bytes),
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    stopAtErrors: false,
    verbosity: 0,
    ...ASSETS,
  });
  try {
    return await withDeadline(task.promise, timeoutMs, 'opening the PDF');
  } catch (error) {
    await task.destroy().catch(() => {});
    if (error instanceof ExtractionError) throw error;
    const name = (error as { name?: string }).name;
    if (name === 'PasswordException') {
      throw new ExtractionError('PDF_ENCRYPTED', 'the PDF is protected by a password', { cause: error });
    }
    throw new ExtractionError('PDF_UNREADABLE', `the PDF cannot be read: ${(error as Error).message}`, {
      cause: error,
    });
  }
}

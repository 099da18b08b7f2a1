// Worker-thread entry: the extraction pipeline (pdf.js, zxing, OCR) for one process, off the event
// loop that answers HTTP. See extractor.ts for the protocol and the bounds.
import { parentPort, workerData } from 'node:worker_threads';
import { isExtractionError } from './extraction/errors.js';
import { extractDocument, type OcrFunction } from './extraction/extract-document.js';
import { createOcrEngine, type OcrEngine, OcrError, prepareImage } from './ocr/index.js';

const { ocrWorkers, ocrTimeoutMs } = workerData as { ocrWorkers: number; ocrTimeoutMs: number };

const TEXT_CAP = 20_000;

let engine: OcrEngine | null = null;
// Started on the first page that needs it: a process that only reads XML and text PDFs never pays
// for Tesseract's workers and their ~250 MB each.
// Each page or photo is decoded, oriented and scaled to ≤ 2,500 px (gray) first: the size Tesseract
// reads identifiers best at for its time (ocr/README.md).
const ocr: OcrFunction = async (image) => {
  engine ??= createOcrEngine({ workers: ocrWorkers, timeoutMs: ocrTimeoutMs });
  const prepared = await prepareImage(image);
  return engine.recognize(prepared.image);
};

const codeOf = (error: unknown): string | null =>
  isExtractionError(error)
    ? error.code
    : error instanceof OcrError && error.code === 'OCR_TIMEOUT'
      ? 'EXTRACTION_TIMEOUT'
      : error instanceof Error &&
          'code' in error &&
          (error.code === 'IMAGE_TOO_LARGE' || error.code === 'IMAGE_UNREADABLE')
        ? error.code
        : null;

type Request = { id: number; bytes: Uint8Array; ocr?: boolean };

parentPort!.on('message', async (message: Request | { close: true }) => {
  if ('close' in message) {
    await engine?.close();
    parentPort!.postMessage({ closed: true });
    return;
  }
  // Pages OCR read, and pages it would have read had the plan's monthly OCR pages not run out
  // (`ocr: false`): the scan still reads the text layer and the QR.
  let ocrPages = 0;
  let ocrSkipped = 0;
  const counted: OcrFunction = async (image) => {
    if (message.ocr === false) {
      ocrSkipped += 1;
      return { text: '' };
    }
    ocrPages += 1;
    return ocr(image);
  };
  try {
    const result = await extractDocument(message.bytes, { ocr: counted });
    parentPort!.postMessage({
      id: message.id,
      ok: true,
      kind: result.kind,
      preview: result.preview,
      ocrPages,
      ocrSkipped,
      // The text read (layer or OCR), for the optional LLM step; capped: an invoice's header fits
      // well within it, and a 40-page annex should not cross the thread boundary whole.
      ...(result.text !== undefined ? { text: result.text.slice(0, TEXT_CAP) } : {}),
    });
  } catch (error) {
    // Only a code and a message cross the boundary: never a stack or the document's bytes.
    parentPort!.postMessage({
      id: message.id,
      ok: false,
      code: codeOf(error),
      message: error instanceof Error ? error.message.slice(0, 500) : String(error).slice(0, 500),
    });
  }
});

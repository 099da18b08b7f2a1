/**
 * Why extraction refused or gave up on a file. Stable codes, the same strings as the contracts'
 * invoice failure codes (`invoiceFailureTexts`), so the inbox stores them as they are; only
 * EXTRACTION_BUSY is ours (a full queue: retry later, EXTRACTION_FAILED for a person).
 */
export const EXTRACTION_ERROR_CODES = [
  'EMPTY_FILE',
  'UNSUPPORTED_TYPE',
  'XML_NOT_CFDI',
  'PDF_ENCRYPTED',
  'PDF_UNREADABLE',
  'PDF_TOO_MANY_PAGES',
  'IMAGE_TOO_LARGE',
  'IMAGE_UNREADABLE',
  /** Past the time budget (cooperative, in-process) or the isolated extractor's hard bound. */
  'EXTRACTION_TIMEOUT',
  /** The isolated extractor's queue is full. */
  'EXTRACTION_BUSY',
] as const;
export type ExtractionErrorCode = (typeof EXTRACTION_ERROR_CODES)[number];

export class ExtractionError extends Error {
  override readonly name = 'ExtractionError';
  constructor(
    readonly code: ExtractionErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export const isExtractionError = (e: unknown): e is ExtractionError => e instanceof ExtractionError;

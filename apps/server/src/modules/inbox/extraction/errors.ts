/**
 * Why extraction refused or gave up on a file. Stable codes: the inbox stores them on the item and
 * the web shows a Spanish text per code.
 */
export const EXTRACTION_ERROR_CODES = [
  'EMPTY_FILE',
  'UNSUPPORTED_TYPE',
  'XML_NOT_CFDI',
  'XML_INVALID',
  'PDF_ENCRYPTED',
  'PDF_UNREADABLE',
  'PDF_TOO_MANY_PAGES',
  'PDF_TIMEOUT',
  'IMAGE_TOO_LARGE',
  'IMAGE_UNREADABLE',
  /** The isolated extractor terminated a thread past its hard bound. */
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

/**
 * Every way a file, a package entry or a metadata row can be refused. The codes are stable: they are
 * stored with rejected files and printed by `boveda cfdi parse`, so never rename one.
 */
export const CFDI_PARSE_ERROR_CODES = [
  'EMPTY_FILE',
  'FILE_TOO_LARGE',
  'FILE_UNREADABLE',
  'NOT_UTF8',
  'UNSUPPORTED_ENCODING',
  'DTD_FORBIDDEN',
  'XML_MALFORMED',
  'XML_TOO_DEEP',
  'NOT_CFDI',
  'UNSUPPORTED_VERSION',
  'MISSING_UUID',
  'INVALID_UUID',
  'MULTIPLE_TFD',
  'INVALID_AMOUNT',
  'ZIP_EMPTY',
  'ZIP_CORRUPT',
  'ZIP_TOO_MANY_ENTRIES',
  'ZIP_TOO_LARGE',
  'ENTRY_UNSAFE_NAME',
  'ENTRY_TOO_LARGE',
  'ENTRY_RATIO_EXCEEDED',
  'ENTRY_CORRUPT',
  'ENTRY_ENCRYPTED',
  'ENTRY_UNSUPPORTED_METHOD',
  'METADATA_HEADER_INVALID',
  'METADATA_ROW_INVALID',
] as const;

export type CfdiParseErrorCode = (typeof CFDI_PARSE_ERROR_CODES)[number];

export class CfdiParseError extends Error {
  readonly code: CfdiParseErrorCode;

  constructor(code: CfdiParseErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'CfdiParseError';
    this.code = code;
  }
}

export const isCfdiParseError = (e: unknown): e is CfdiParseError => e instanceof CfdiParseError;

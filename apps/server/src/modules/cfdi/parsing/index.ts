export { addDecimals, compareDecimals, isDecimal, normalizeDecimal, sumDecimals } from './decimal.js';
export { DEFAULT_MAX_XML_BYTES } from './decode.js';
export {
  CFDI_PARSE_ERROR_CODES,
  CfdiParseError,
  type CfdiParseErrorCode,
  isCfdiParseError,
} from './errors.js';
export { CFDI_NAMESPACES, parseCfdi } from './parse-cfdi.js';
export type * from './types.js';

export { addDecimals, compareDecimals, isDecimal, normalizeDecimal, sumDecimals } from './decimal.js';
export { DEFAULT_MAX_XML_BYTES, decodeXml } from './decode.js';
export {
  CFDI_PARSE_ERROR_CODES,
  CfdiParseError,
  type CfdiParseErrorCode,
  isCfdiParseError,
} from './errors.js';
export { type CfdiFileLine, parseCfdiFiles } from './files.js';
export {
  loadTerceros,
  type MetadataItem,
  type MetadataOptions,
  type MetadataRow,
  metadataItemChunks,
  metadataItems,
  parseMetadataText,
  parseTerceros,
  type RejectedRow,
  type TerceroRow,
  type TextSource,
} from './metadata.js';
export { type NominaDetail, type NominaLine, nominaDetailOf } from './nomina-detail.js';
export {
  type CfdiPackageItem,
  type CfdiPackageOptions,
  DEFAULT_METADATA_ENTRY_BYTES,
  type MetadataPackageChunk,
  type MetadataPackageItem,
  type PackageFailure,
  readCfdiPackage,
  readMetadataPackage,
  readMetadataPackageChunks,
} from './packages.js';
export { CFDI_NAMESPACES, parseCfdi } from './parse-cfdi.js';
export type * from './types.js';
export { DEFAULT_ZIP_LIMITS, type ZipLimits, type ZipSkipReason } from './zip-central-directory.js';
export {
  readZipEntries,
  streamZipEntries,
  type ZipEntryResult,
  type ZipReadOptions,
  type ZipStreamResult,
} from './zip-reader.js';

export { cfdiModule } from './cfdi.module.js';
export { registerCfdiRoutes } from './cfdi.routes.js';
export {
  type CfdiDetail,
  type CfdiItem,
  type CfdiSearchRepository,
  createCfdiSearchRepository,
  type MetadataItem,
} from './cfdi.search.repository.js';
export { type CfdiSearchService, createCfdiSearchService, type ExportFormat } from './cfdi.search.service.js';
export type { CfdiFilters, Direction, MetadataFilters, SortSpec } from './cfdi.search.sql.js';
export {
  type CfdiSummaryRepository,
  createCfdiSummaryRepository,
  type MonthSummary,
} from './cfdi.summary.repository.js';
export {
  type CfdiIngestion,
  createCfdiIngestion,
  type IngestionResult,
  type IngestPackageRequest,
  ingestPackageJob,
  type RegisterDocumentRequest,
  type RegisteredDocument,
} from './ingestion/index.js';
// The parser, for other modules (the inbox, the PAC) and the CLI: a CFDI from XML, packages from zips.
export {
  type CfdiFileLine,
  CfdiParseError,
  compareDecimals,
  isCfdiParseError,
  isDecimal,
  normalizeDecimal,
  parseCfdi,
  parseCfdiFiles,
  readCfdiPackage,
  readMetadataPackage,
  sumDecimals,
} from './parsing/index.js';
// What the SAT says about a CFDI (ConsultaCFDIService): for the inbox's checks and the vault.
export {
  buildStatusExpression,
  createSatStatusClient,
  formatExpressionTotal,
  isSatStatusError,
  resolveSatStatusEndpoint,
  SAT_STATUS_PRODUCTION_URL,
  type SatCancelable,
  type SatCancellationStatus,
  type SatCfdiEstado,
  type SatStatusClient,
  type SatStatusClientOptions,
  SatStatusError,
  type SatStatusErrorCode,
  type SatStatusQuery,
  type SatStatusRaw,
  type SatStatusResult,
} from './sat-status/index.js';

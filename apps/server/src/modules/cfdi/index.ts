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

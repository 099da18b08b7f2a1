export {
  type CfdiIngestion,
  type CfdiIngestionOptions,
  createCfdiIngestion,
  type IngestionResult,
} from './cfdi-ingestion.js';
export { type IngestPackageRequest, ingestPackageJob } from './ingestion.job.js';
export type { RegisterDocumentRequest, RegisteredDocument } from './register-document.js';

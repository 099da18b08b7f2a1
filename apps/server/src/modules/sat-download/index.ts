export type { MissingXmlSource } from './missing-xml.js';
export { SatCallError } from './sat/sat-gateway.js';
export { SatTransportError, SatWebClient } from './sat/sat-web-client.js';
export { registerSatDownloadWorkers } from './sat-download.jobs.js';
export { satDownloadModule } from './sat-download.module.js';
export type { HomeRequestStatus } from './sat-download.repository.js';
export { registerSatDownloadRoutes } from './sat-download.routes.js';
export type { SatDownloadService, TaxpayerDirectory } from './sat-download.service.js';

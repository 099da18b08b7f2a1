export { canonicalJson } from './canonical-json.js';
export { connectorsModule } from './connectors.module.js';
export type { ConnectorsService } from './connectors.service.js';

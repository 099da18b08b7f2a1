export { canonicalJson } from '../../platform/crypto/index.js';
export { connectorsModule } from './connectors.module.js';
export type { ConnectorsService } from './connectors.service.js';

export { clientFolder } from './client-folder.js';
export { createEfirmaChecks, type EfirmaChecksOptions } from './efirma-checks.js';
export type { EfirmaChecks, EfirmaFiles } from './efirma-validation.js';
export { createEfirmaVault, efirmaObjectKey } from './efirma-vault.js';
export { loadSatTrust, type SatTrustOptions } from './sat-trust.js';
export { taxpayerErrors } from './taxpayers.errors.js';
export { taxpayersModule } from './taxpayers.module.js';
export { createTaxpayersRepository } from './taxpayers.repository.js';
export { registerTaxpayerRoutes } from './taxpayers.routes.js';
export { taxpayers } from './taxpayers.schema.js';
export {
  createTaxpayersService,
  normalizeRfc,
  type OpenedFiel,
  type TaxpayersService,
  type TaxpayerView,
} from './taxpayers.service.js';

export type { AccessEnder } from './access.js';
export { hashPassword, verifyAgainstDummy, verifyPassword } from './password.js';
export { tenantsModule } from './tenants.module.js';
export { createTenantsRepository } from './tenants.repository.js';
export { registerTenantRoutes } from './tenants.routes.js';
export { createTenantsService, type TenantsService } from './tenants.service.js';

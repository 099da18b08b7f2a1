export { catalogModule } from './catalog.module.js';
export type { CatalogService } from './catalog.service.js';

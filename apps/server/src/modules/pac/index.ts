export { pacModule } from './pac.module.js';
export type { PacService } from './pac.service.js';
export type { PacInvoicesService } from './pac-invoices.service.js';

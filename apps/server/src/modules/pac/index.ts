export { pacModule } from './pac.module.js';
export type { PacService } from './pac.service.js';

export { plansModule } from './plans.module.js';
export type { PlansService } from './plans.service.js';
export { periodOf, type Quotas } from './quotas.js';

export type { ClientsService } from './clients.service.js';
export { ordersModule } from './orders.module.js';
export type { OrdersService } from './orders.service.js';

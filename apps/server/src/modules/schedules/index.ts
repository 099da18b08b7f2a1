export { schedulesModule } from './schedules.module.js';
export type { SchedulesService } from './schedules.service.js';

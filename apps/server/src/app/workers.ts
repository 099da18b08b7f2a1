import { registerSatDownloadWorkers } from '../modules/sat-download/index.js';
import type { AppContext } from './context.js';

/**
 * Registers every module's job handlers and schedules on this process. Modules add theirs here
 * as they gain background work.
 */
export async function registerWorkers(ctx: AppContext): Promise<void> {
  await registerSatDownloadWorkers(ctx.jobs, ctx.services.satDownload, {
    cron: ctx.config.env.SAT_SYNC_CRON,
    tz: ctx.config.env.SAT_SYNC_TZ,
    syncOnStart: true,
  });
  await ctx.services.cfdiIngestion.registerWorker();
  // After every consumer is subscribed (createServices): delivers what waits, then what comes.
  await ctx.events.startDelivery();
}

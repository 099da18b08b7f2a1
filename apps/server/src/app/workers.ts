import type { AppContext } from './context.js';

/**
 * Registers every module's job handlers and schedules on this process (the `start` and `worker`
 * roles), ticks the per-tenant schedules, starts sending queued mail, then starts delivering domain
 * events to the consumers every module declared.
 */
export async function registerWorkers(ctx: AppContext): Promise<void> {
  for (const module of ctx.modules) await module.workers?.(ctx.jobs);
  await ctx.schedules.startTicking();
  await ctx.email.startWorker();
  await ctx.events.startDelivery();
}

import type { AppContext } from './context.js';

/**
 * Registers every module's job handlers and schedules on this process. Modules add theirs here
 * as they gain background work.
 */
export async function registerWorkers(_ctx: AppContext): Promise<void> {}

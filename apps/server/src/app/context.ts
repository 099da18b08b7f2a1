import pino, { type Logger } from 'pino';
import type { AppConfig } from '../platform/config/config.js';
import { runMigrations } from '../platform/db/migrate.js';
import { createJobs, type Jobs } from '../platform/jobs/jobs.js';
import { type ResolvedDatabase, resolveDatabase } from './database.js';
import { createServices, type Services } from './services.js';

export type RunRole = 'all' | 'api' | 'worker' | 'cli';

export interface AppContext {
  config: AppConfig;
  logger: Logger;
  database: ResolvedDatabase;
  jobs: Jobs;
  services: Services;
  close(): Promise<void>;
}

export interface ContextOptions {
  role: RunRole;
  logger?: Logger;
}

/** Builds every adapter and service in dependency order; `close()` tears down in reverse. */
export async function createAppContext(config: AppConfig, opts: ContextOptions): Promise<AppContext> {
  const logger = opts.logger ?? pino({ level: config.env.LOG_LEVEL });
  const database = await resolveDatabase(config, (m) => logger.info(m), {
    shareRunning: opts.role === 'cli',
  });
  const closers: (() => Promise<void>)[] = [() => database.close()];
  try {
    await runMigrations(database.pool);
    const jobs = createJobs({
      connectionString: database.url,
      pollingIntervalSeconds: config.env.JOBS_POLL_SECONDS,
      supervise: opts.role === 'all' || opts.role === 'worker',
      onError: (err) => logger.error({ err }, 'job queue error'),
    });
    if (opts.role !== 'cli') {
      await jobs.start();
      closers.push(() => jobs.stop());
    }
    const services = createServices(database.db, { sessionTtlHours: config.env.SESSION_TTL_HOURS });
    return {
      config,
      logger,
      database,
      jobs,
      services,
      close: async () => {
        for (const close of closers.reverse())
          await close().catch((err) => logger.error({ err }, 'shutdown step failed'));
      },
    };
  } catch (err) {
    for (const close of closers.reverse()) await close().catch(() => {});
    throw err;
  }
}

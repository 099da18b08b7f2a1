import type { AppConfig } from '../platform/config/config.js';
import { createDatabase, type Database } from '../platform/db/client.js';
import { findRunningEmbedded, startEmbeddedPostgres } from '../platform/db/embedded-postgres.js';

export interface ResolvedDatabase extends Database {
  embedded: boolean;
}

/**
 * DATABASE_URL when set; otherwise the embedded PostgreSQL in the data dir. A CLI command run
 * next to a live `boveda start` shares that server instead of starting another.
 */
export async function resolveDatabase(
  config: AppConfig,
  log: (msg: string) => void,
  opts: { shareRunning: boolean },
): Promise<ResolvedDatabase> {
  if (config.env.DATABASE_URL) {
    return { ...createDatabase(config.env.DATABASE_URL, config.env.DATABASE_POOL_MAX), embedded: false };
  }
  if (opts.shareRunning) {
    const running = await findRunningEmbedded(config.dataDir);
    if (running) return { ...createDatabase(running, config.env.DATABASE_POOL_MAX), embedded: true };
  }
  const pg = await startEmbeddedPostgres(config.dataDir, log);
  const database = createDatabase(pg.url, config.env.DATABASE_POOL_MAX);
  return {
    ...database,
    embedded: true,
    close: async () => {
      await database.close();
      await pg.stop();
    },
  };
}

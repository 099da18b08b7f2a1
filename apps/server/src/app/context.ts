import pino from 'pino';
import { auditModule, createDecryptionAuditLog } from '../modules/audit/index.js';
import { type Cache, createCache, createPubSub, type PubSub } from '../platform/cache/index.js';
import type { AppConfig } from '../platform/config/config.js';
import {
  createSecretBox,
  loadMasterKeyring,
  type MasterKeyring,
  type SecretBox,
} from '../platform/crypto/index.js';
import { runMigrations } from '../platform/db/migrate.js';
import { createEmail, type Email } from '../platform/email/index.js';
import { createEvents, type Events } from '../platform/events/index.js';
import { createJobs, type Jobs } from '../platform/jobs/jobs.js';
import { createSchedules, type Schedules } from '../platform/jobs/schedules.js';
import { createLogger, type Logger } from '../platform/logging/index.js';
import { createMetrics, type Metrics } from '../platform/metrics/index.js';
import type { ModulePlatform } from '../platform/modules/index.js';
import { createNotifications, type Notifications } from '../platform/notify/index.js';
import { createObjectStore, type ObjectStore } from '../platform/storage/index.js';
import { type ResolvedDatabase, resolveDatabase } from './database.js';
import { createModules, type Modules, type Services, servicesOf } from './modules.js';

export type RunRole = 'all' | 'api' | 'worker' | 'cli';

export interface AppContext {
  config: AppConfig;
  logger: Logger;
  database: ResolvedDatabase;
  jobs: Jobs;
  schedules: Schedules;
  storage: ObjectStore;
  /** Memory by default; Redis (shared by every process) when REDIS_URL is set. */
  cache: Cache;
  pubsub: PubSub;
  /** Domain events: publish inside a transaction, consumed as jobs, heard live. */
  events: Events;
  /** PostgreSQL NOTIFY bells between processes (wake-ups, no data). */
  notifications: Notifications;
  keyring: MasterKeyring;
  secretBox: SecretBox;
  /** Outgoing mail: send now or queue `email.send` in a transaction (logged, not sent, without SMTP_URL). */
  email: Email;
  /** This process's metrics registry (served by the metrics listener or `/metrics`). */
  metrics: Metrics;
  /** Every module (routes, workers, consumers are plugged in from this list). */
  modules: Modules;
  /** Every module's services in one object. */
  services: Services;
  close(): Promise<void>;
}

export interface ContextOptions {
  role: RunRole;
  logger?: Logger;
  /** Node's process metrics (CPU, memory, GC, event loop): real server processes only. */
  processMetrics?: boolean;
}

/** Builds every adapter and service in dependency order; `close()` tears down in reverse. */
export async function createAppContext(config: AppConfig, opts: ContextOptions): Promise<AppContext> {
  // CLI output (e.g. `apikey create --json`) owns stdout, so a CLI process logs to stderr.
  const logger =
    opts.logger ??
    createLogger({
      level: opts.role === 'cli' ? 'warn' : config.env.LOG_LEVEL,
      format: config.env.LOG_FORMAT,
      ...(opts.role === 'cli' ? { destination: pino.destination(2) } : {}),
    });
  const database = await resolveDatabase(config, (m) => logger.info(m), {
    shareRunning: opts.role === 'cli',
  });
  const closers: (() => Promise<void>)[] = [() => database.close()];
  const metrics = createMetrics({
    processMetrics: opts.processMetrics ?? false,
    defaultLabels: { role: opts.role },
  });
  try {
    const migrated = await runMigrations(database.pool);
    if (migrated.unknown > 0)
      logger.warn(
        `The database has ${migrated.unknown} migration(s) this release does not know: a newer release migrated it. Migrations only move forward; run that release or a later one (boveda migrate --status).`,
      );
    const notifications = createNotifications({
      connectionString: database.url,
      onError: (err) => logger.warn({ err }, 'notification listener error'),
    });
    closers.push(() => notifications.close());
    const jobs = createJobs({
      notifications,
      connectionString: database.url,
      pollingIntervalSeconds: config.env.JOBS_POLL_SECONDS,
      runs: config.env.WORKER_JOBS,
      supervise: opts.role === 'all' || opts.role === 'worker',
      onError: (err) => logger.error({ err }, 'job queue error'),
      metrics,
    });
    metrics.observeQueueDepth(() => jobs.queueDepth());
    // Every role starts the queue (a CLI command enqueues too: filing, ingestion, event deliveries);
    // only `start` and `worker` supervise it and run handlers.
    await jobs.start();
    const stopJobs = () => jobs.stop();
    closers.push(stopJobs);
    const storage = createStorage(config);
    const onRedisError = (err: unknown) => logger.warn({ err }, 'redis error');
    const cache = await createCache({
      redisUrl: config.env.REDIS_URL,
      keyPrefix: config.env.REDIS_KEY_PREFIX,
      onError: onRedisError,
    });
    closers.push(() => cache.close());
    const pubsub = await createPubSub({
      redisUrl: config.env.REDIS_URL,
      channelPrefix: config.env.REDIS_KEY_PREFIX,
      onError: onRedisError,
    });
    closers.push(() => pubsub.close());
    const events = createEvents({
      pool: database.pool,
      transaction: database.transaction,
      jobs,
      pubsub,
      notifications,
      runs: config.env.WORKER_JOBS,
      onError: (err, context) => logger.error({ err, ...context }, 'event delivery failed'),
    });
    closers.push(() => events.stopDelivery());
    const keyring = await loadMasterKeyring({
      masterKey: config.env.BOVEDA_MASTER_KEY,
      previousMasterKey: config.env.BOVEDA_MASTER_KEY_PREVIOUS,
      keyFile: config.masterKeyFile,
      log: { info: (m) => logger.info(m), warn: (m) => logger.warn(m) },
    });
    // The audit trail comes first: the secret box records every decryption, with its reader, in it.
    const audit = auditModule({ db: database.db });
    const secretBox = createSecretBox({
      db: database.db,
      keyring,
      accessLog: createDecryptionAuditLog(audit.services.audit),
    });
    if (config.isProduction && config.satTrustTestCa) {
      logger.warn(
        "SAT_TRUST_TEST_CA is on in production: e.firmas of the SAT's test CA (whose keys are public) are accepted",
      );
    }
    const schedules = createSchedules({ pool: database.pool, transaction: database.transaction, jobs });
    const email = createEmail({
      smtpUrl: config.env.SMTP_URL,
      from: config.env.EMAIL_FROM,
      timeoutMs: config.env.SMTP_TIMEOUT_MS,
      logger,
      jobs,
    });
    // Closed after the job queue stopped (closers run in reverse): a send in flight finishes first.
    closers.splice(closers.indexOf(stopJobs), 0, () => email.close());
    const platform: ModulePlatform = {
      config,
      logger,
      db: database.db,
      pool: database.pool,
      transaction: database.transaction,
      jobs,
      schedules,
      events,
      notifications,
      storage,
      cache,
      secretBox,
      email,
      metrics,
    };
    const modules = createModules(platform, { audit });
    // Modules release what they hold (OCR workers…) after the job queue stopped using it: closers
    // run in reverse, so these go just before the queue's stop in the list.
    closers.splice(
      closers.indexOf(stopJobs),
      0,
      ...modules.flatMap((m) => ('close' in m && m.close ? [() => m.close!()] : [])),
    );
    // Every process knows every consumer before anything publishes (deliveries are recorded per consumer).
    for (const module of modules) {
      for (const consumer of module.consumers ?? []) events.subscribe(consumer);
      for (const consumer of ('batchConsumers' in module ? module.batchConsumers : undefined) ?? [])
        events.subscribeBatch(consumer);
    }
    const services = servicesOf(modules);
    return {
      config,
      logger,
      database,
      jobs,
      schedules,
      storage,
      cache,
      pubsub,
      events,
      notifications,
      keyring,
      secretBox,
      email,
      metrics,
      modules,
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

/** The object store the configuration names (local folder or S3). */
export function createStorage(config: AppConfig): ObjectStore {
  const { env } = config;
  if (env.STORAGE_DRIVER === 's3') {
    return createObjectStore({
      driver: 's3',
      endpoint: env.S3_ENDPOINT,
      region: env.S3_REGION,
      bucket: env.S3_BUCKET!,
      accessKeyId: env.S3_ACCESS_KEY_ID!,
      secretAccessKey: env.S3_SECRET_ACCESS_KEY!,
      forcePathStyle: env.S3_FORCE_PATH_STYLE,
    });
  }
  return createObjectStore({ driver: 'fs', rootDir: `${config.dataDir}/objects` });
}

import type pg from 'pg';
import type { Cache } from '../cache/index.js';
import type { AppConfig } from '../config/config.js';
import type { SecretBox } from '../crypto/index.js';
import type { Db } from '../db/client.js';
import type { UnitOfWork } from '../db/transaction.js';
import type { Email } from '../email/index.js';
import type { BatchEventConsumer, EventConsumer, Events } from '../events/index.js';
import type { HttpServer } from '../http/create-http-server.js';
import type { Guard } from '../http/identity.js';
import type { Jobs } from '../jobs/jobs.js';
import type { Schedules } from '../jobs/schedules.js';
import type { Logger } from '../logging/index.js';
import type { Metrics } from '../metrics/index.js';
import type { Notifications } from '../notify/index.js';
import type { ObjectStore } from '../storage/index.js';

/** What every module factory receives: the platform's adapters, built once by the composition root. */
export interface ModulePlatform {
  config: AppConfig;
  logger: Logger;
  db: Db;
  pool: pg.Pool;
  transaction: UnitOfWork;
  jobs: Jobs;
  /** Per-tenant schedules (a module registers the jobs they may queue: `schedules.register(def)`). */
  schedules: Schedules;
  events: Events;
  /** Wake-up bells between processes: `notify(tx, channel)` rings at commit, `listen` hears it. */
  notifications: Notifications;
  storage: ObjectStore;
  cache: Cache;
  secretBox: SecretBox;
  /** Outgoing mail: `email.enqueue(message, { tx })` in the transaction of the change that caused it. */
  email: Email;
  /** This process's Prometheus metrics: modules only increment the named ones (platform/metrics). */
  metrics: Metrics;
}

// Consumers of different event payloads live in one list; each is typed where it is written.
// biome-ignore lint/suspicious/noExplicitAny: the list holds consumers of many payload types
export type AnyEventConsumer = EventConsumer<any>;

/**
 * The one shape every module has (`xModule(platform, deps)` in its index.ts): what it offers other
 * modules (`services`), and how the composition root plugs it in — its routes on api processes, its
 * job handlers and schedules on worker processes, its event consumers in every process.
 */
export interface BovedaModule<Services extends object = object> {
  name: string;
  services: Services;
  routes?(app: HttpServer, http: { guard: Guard }): void;
  workers?(jobs: Jobs): Promise<void>;
  consumers?: readonly AnyEventConsumer[];
  /** Fan-out reactions that take events in batches, in no order (platform/events README). */
  batchConsumers?: readonly BatchEventConsumer[];
  /** Releases what the module holds (worker pools), after the job queue has stopped. */
  close?(): Promise<void>;
}

export const defineModule = <Services extends object>(module: BovedaModule<Services>) => module;

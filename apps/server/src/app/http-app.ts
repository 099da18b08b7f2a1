import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { healthResult, readinessResult } from '@boveda/contracts';
import fastifyStatic from '@fastify/static';
import { Redis } from 'ioredis';
import { appError } from '../platform/errors/app-error.js';
import { registerLiveRoute } from '../platform/events/index.js';
import { createHttpServer, type HttpServer } from '../platform/http/create-http-server.js';
import { createIdempotency } from '../platform/http/idempotency/idempotency.js';
import {
  createClientRateLimit,
  createMemoryRateCounter,
  createRedisRateCounter,
} from '../platform/http/rate-limit/client-rate-limit.js';
import type { AppContext } from './context.js';

export const webDistDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../web/dist');
const VERSION = '0.1.0';

export interface HttpAppOptions {
  /** More routes, plugged in after the modules' (tests register routes of their own here). */
  routes?: (app: HttpServer, deps: { guard: AppContext['services']['guard'] }) => void;
}

export async function buildHttpApp(ctx: AppContext, opts: HttpAppOptions = {}): Promise<HttpServer> {
  const { config, services } = ctx;
  const https = config.env.PUBLIC_URL?.startsWith('https://') ?? false;
  // With several API processes, rate limits must count across all of them.
  const rateLimitRedis = config.env.REDIS_URL
    ? new Redis(config.env.REDIS_URL, { connectTimeout: 2_000, maxRetriesPerRequest: 1, lazyConnect: false })
    : undefined;
  rateLimitRedis?.on('error', (err) =>
    ctx.logger.warn({ err: { message: err.message } }, 'rate-limit redis error'),
  );
  const prefix = config.env.REDIS_KEY_PREFIX;
  const clientRateLimit = createClientRateLimit({
    // The same connection as the per-IP store: one EVAL per request counts client and organization.
    counter: rateLimitRedis ? createRedisRateCounter(rateLimitRedis, prefix) : createMemoryRateCounter(),
    perClientPerMinute: config.env.RATE_LIMIT_PER_CLIENT_PER_MINUTE,
    perTenantPerMinute: config.env.RATE_LIMIT_PER_TENANT_PER_MINUTE,
    // An organization's plan (plans module) sets its own per-minute limit.
    tenantLimit: (tenantId) => services.quotas.apiRequestsPerMinute(tenantId),
    onError: (err) => ctx.logger.warn({ err }, 'client rate limit unavailable; request let through'),
  });
  const idempotency = createIdempotency({
    pool: ctx.database.pool,
    sealer: ctx.secretBox,
    ttlHours: config.env.IDEMPOTENCY_TTL_HOURS,
    onError: (err) => ctx.logger.error({ err }, 'idempotency key store failed'),
  });
  const app = await createHttpServer({
    https,
    rateLimitRedis,
    rateLimitNameSpace: `${prefix}rl-ip:`,
    clientRateLimit,
    idempotency,
    logger: ctx.logger,
    rateLimitPerMinute: config.env.RATE_LIMIT_PER_MINUTE,
    version: VERSION,
    spaFallback: webBuilt(),
  });

  // Probes are never rate limited: a busy server must still look alive to its orchestrator.
  app.get(
    '/health',
    {
      config: { rateLimit: false },
      schema: {
        operationId: 'getHealth',
        tags: ['ops'],
        summary: 'Liveness: the process answers',
        security: [],
        response: { 200: healthResult },
      },
    },
    async () => ({ status: 'ok' as const }),
  );
  app.get(
    '/ready',
    {
      config: { rateLimit: false },
      schema: {
        operationId: 'getReadiness',
        tags: ['ops'],
        summary: 'Readiness: the database and the job queue answer',
        security: [],
        response: { 200: readinessResult },
        errors: ['DEPENDENCY_UNAVAILABLE'],
      },
    },
    async () => {
      try {
        await ctx.database.pool.query('SELECT 1');
        await ctx.jobs.ping();
        return { status: 'ready' as const, checks: { database: 'ok' as const, jobs: 'ok' as const } };
      } catch (cause) {
        throw appError('DEPENDENCY_UNAVAILABLE', 'The database or the job queue is not reachable.', {
          cause,
        });
      }
    },
  );

  for (const module of ctx.modules) module.routes?.(app, { guard: services.guard });
  registerLiveRoute(app, { events: ctx.events, guard: services.guard });
  opts.routes?.(app, { guard: services.guard });

  await registerWebApp(app);
  if (rateLimitRedis) app.addHook('onClose', async () => void (await rateLimitRedis.quit().catch(() => {})));
  return app;
}

const webBuilt = () => existsSync(path.join(webDistDir, 'index.html'));

/** The SPA from apps/web/dist on `/` (unknown HTML paths fall back to index.html, see createHttpServer). */
async function registerWebApp(app: HttpServer) {
  if (!webBuilt()) {
    app.log.warn(`Web app not built (${webDistDir}); run "npm run build:web"`);
    return;
  }
  await app.register(fastifyStatic, { root: webDistDir, wildcard: false, index: 'index.html' });
}

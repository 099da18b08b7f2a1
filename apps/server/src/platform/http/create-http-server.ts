import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import multipart from '@fastify/multipart';
import rateLimit from '@fastify/rate-limit';
// reply.sendFile (the SPA fallback) is typed by @fastify/static, which the app registers.
import type {} from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, {
  type FastifyBaseLogger,
  type FastifyInstance,
  type FastifyReply,
  type FastifyRequest,
  type RawServerDefault,
} from 'fastify';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Logger } from 'pino';
import type { Metrics } from '../metrics/index.js';
import { createAllowedMethods, type RouterMatching } from './allowed-methods.js';
import { createClientErrorHandler } from './client-errors.js';
import type { Idempotency } from './idempotency/idempotency.js';
import { rejectNulCharacters } from './nul-characters.js';
import { openApiOptions } from './openapi.js';
import { problemResponse, sendProblem } from './problem.js';
import { keepRawJsonBodies } from './raw-body.js';
import { DebugRequestLog } from './request-log.js';
import { createRouteDescriber } from './route-docs.js';

export type HttpServer = FastifyInstance<
  RawServerDefault,
  IncomingMessage,
  ServerResponse,
  FastifyBaseLogger,
  ZodTypeProvider
>;

export interface HttpServerOptions {
  logger: Logger;
  rateLimitPerMinute: number;
  /** Redis client for a rate-limit store shared by all API instances (memory when absent). */
  rateLimitRedis?: unknown;
  /** Prefix of the per-IP counters' keys in that Redis. */
  rateLimitNameSpace?: string;
  /**
   * Per API client and per organization limits (`rate-limit/client-rate-limit.ts`): a preHandler
   * appended after every route's own preHandlers (the guard), so it sees the identity.
   */
  clientRateLimit?: (req: FastifyRequest, reply: FastifyReply) => Promise<void>;
  /** `Idempotency-Key` on POST/PATCH (`idempotency/idempotency.ts`); off when absent. */
  idempotency?: Idempotency;
  /** Fastify's trustProxy (TRUST_PROXY): false, true, a hop count or proxy addresses. */
  trustProxy?: boolean | number | string[];
  /** Records every answer in `boveda_http_request_duration_seconds` (by route pattern, never the URL). */
  metrics?: Pick<Metrics, 'httpRequestDuration'>;
  version: string;
  maxUploadBytes?: number;
  /** Serve index.html for unknown GET paths that want HTML (client-side routes of the SPA). */
  spaFallback?: boolean;
  /** Served over https (PUBLIC_URL): only then send HSTS and upgrade-insecure-requests. */
  https?: boolean;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Every route as registered; `hidden` ones (Swagger UI, static files) are not in /docs/json. */
    registeredRoutes: { method: string; url: string; hidden: boolean }[];
  }
}

const REQUEST_ID = /^[A-Za-z0-9._-]{8,128}$/;

export async function createHttpServer(opts: HttpServerOptions): Promise<HttpServer> {
  const app = Fastify({
    loggerInstance: opts.logger as FastifyBaseLogger,
    // A hop count as a function: Fastify's types take addresses or a boolean, proxy-addr also counts.
    trustProxy:
      typeof opts.trustProxy === 'number'
        ? (
            (hops: number) => (_address: string, hop: number) =>
              hop < hops
          )(opts.trustProxy)
        : (opts.trustProxy ?? false),
    // Honour a caller's request id (from a proxy) only when it is safe to echo back.
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
    },
    bodyLimit: 1024 * 1024,
    logController: new DebugRequestLog(),
    clientErrorHandler: createClientErrorHandler(opts.logger as FastifyBaseLogger),
    // The router's own refusals (a path that is not valid percent-encoding, a path parameter over
    // maxParamLength) skip the error handler and the hooks; answer them like every other error.
    frameworkErrors: (error, request, reply) => {
      reply.header('x-request-id', request.id);
      if (request.url.startsWith('/api/')) reply.header('cache-control', 'no-store');
      return sendProblem(error, request, reply);
    },
  }).withTypeProvider<ZodTypeProvider>();

  // Kept so tests (and /docs checks) can compare what is served with what is documented.
  const registeredRoutes: { method: string; url: string; hidden: boolean }[] = [];
  app.decorate('registeredRoutes', registeredRoutes);
  const allowedMethods = createAllowedMethods(app.initialConfig as RouterMatching);
  const routeDescriber = createRouteDescriber();
  app.addHook('onRoute', (route) => {
    routeDescriber.describeRoute(route);
    // Hooks that need the identity run after the route's guard: global preHandlers run before a
    // route's own, so they are appended to each route's list here. Order: guard → limits → key.
    const afterGuard = [
      ...(opts.clientRateLimit && route.config?.rateLimit !== false ? [opts.clientRateLimit] : []),
      ...(opts.idempotency ? [opts.idempotency.claim] : []),
    ];
    if (afterGuard.length > 0 && !route.schema?.hide) {
      route.preHandler = [...[route.preHandler ?? []].flat(), ...afterGuard] as typeof route.preHandler;
    }
    for (const method of [route.method].flat()) {
      registeredRoutes.push({ method, url: route.url, hidden: Boolean(route.schema?.hide) });
      allowedMethods.add(method, route.url);
    }
  });

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  // Signed requests (the auth module's guard) hash the body's exact bytes.
  keepRawJsonBodies(app);
  app.addHook('onRequest', async (req, reply) => {
    reply.header('x-request-id', req.id);
    // API answers carry secrets (a new API key) or fiscal data (CFDI, XML, exports, searches): no
    // browser or proxy cache may keep them. Set before the route runs, so a route can override it.
    if (req.url.startsWith('/api/')) reply.header('cache-control', 'no-store');
  });
  app.addHook('preValidation', rejectNulCharacters);
  const metrics = opts.metrics;
  if (metrics) {
    app.addHook('onResponse', async (req, reply) => {
      metrics.httpRequestDuration.observe(
        { method: req.method, route: routeLabel(req), status_code: String(reply.statusCode) },
        reply.elapsedTime / 1000,
      );
    });
  }
  const idempotency = opts.idempotency;
  if (idempotency) {
    // The body as it arrived (before schemas transform it) is what a retry must repeat.
    app.addHook('preValidation', idempotency.fingerprint);
    app.addHook('onSend', async (req, reply, payload) => {
      await idempotency.store(req, reply, payload);
      return payload;
    });
    app.addHook('onResponse', idempotency.settle);
  }
  app.setErrorHandler((error, request, reply) => sendProblem(error, request, reply));
  app.setNotFoundHandler((request, reply) => {
    const allowed = allowedMethods.allowedFor(request.url);
    // The path exists with other methods (a handler's own callNotFound() keeps its 404).
    if (allowed.length > 0 && !allowed.includes(request.method)) {
      return reply
        .status(405)
        .header('allow', allowed.join(', '))
        .type('application/problem+json')
        .send(
          problemResponse(
            'METHOD_NOT_ALLOWED',
            request.id,
            `${request.method} is not supported here; this path answers ${allowed.join(', ')}.`,
          ),
        );
    }
    const isApi = request.url.startsWith('/api/') || request.url.startsWith('/docs');
    if (
      opts.spaFallback &&
      request.method === 'GET' &&
      !isApi &&
      request.headers.accept?.includes('text/html')
    ) {
      return reply.sendFile('index.html');
    }
    return reply
      .status(404)
      .type('application/problem+json')
      .send(problemResponse('ROUTE_NOT_FOUND', request.id));
  });

  await app.register(helmet, {
    // Swagger UI and the SPA load only same-origin assets; inline styles are needed by Swagger UI.
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        frameAncestors: ["'none'"],
        formAction: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        // On plain-http installs (localhost) upgrading would break every asset request.
        upgradeInsecureRequests: opts.https ? [] : null,
      },
    },
    hsts: opts.https ? { maxAge: 31536000, includeSubDomains: true } : false,
  });
  await app.register(cookie);
  await app.register(multipart, {
    limits: { fileSize: opts.maxUploadBytes ?? 25 * 1024 * 1024, files: 10, fields: 20 },
  });
  await app.register(rateLimit, {
    max: opts.rateLimitPerMinute,
    timeWindow: '1 minute',
    ...(opts.rateLimitRedis ? { redis: opts.rateLimitRedis as never } : {}),
    ...(opts.rateLimitNameSpace ? { nameSpace: opts.rateLimitNameSpace } : {}),
  });
  await app.register(
    swagger,
    openApiOptions(
      {
        title: 'Bóveda API',
        version: opts.version,
        description:
          'Fiscal vault and back office for Mexican businesses. Authenticate with `Authorization: Bearer <api key>` or the web session cookie (plus `x-csrf-token` on writes). An organization can require API key requests to be signed (`Boveda-Timestamp`, `Boveda-Nonce`, `Boveda-Signature: v1=…`, HMAC-SHA256 with the key’s signing secret; docs/signed-requests.md); an API key with resource scopes (`clients:read`, `clients:write`, `orders:read`, `orders:write`) only reaches the operations that declare one of them. Errors are `application/problem+json` with a stable `code`; each operation lists the statuses and codes it can answer with. POST and PATCH take an optional `Idempotency-Key` (1–255 visible ASCII characters): the answer is stored for 24 h and replayed with `Idempotent-Replayed: true`. Authenticated answers carry `RateLimit-Limit`, `RateLimit-Remaining` and `RateLimit-Reset` (per API client and per organization); a 429 carries `Retry-After`.',
      },
      routeDescriber.problemsOf,
      routeDescriber.scopeOf,
    ),
  );
  await app.register(swaggerUi, { routePrefix: '/docs' });
  return app;
}

/**
 * The route's pattern as registered (`/api/v1/taxpayers/:rfc`), never the URL: ids, RFCs and
 * query strings stay out of metric labels. Hidden routes (the web app's files, Swagger UI) are one
 * value, and so is everything no route matched (404s, the SPA fallback), so the set stays bounded.
 */
function routeLabel(req: FastifyRequest): string {
  const route = req.routeOptions;
  if (!route.url) return 'unmatched';
  if (route.schema?.hide) return 'static';
  return route.url;
}

import type { RouteOptions } from 'fastify';
import { type DeclarableErrorCode, errorSpecOf } from '../errors/app-error.js';
import { routeTakesIdempotencyKey } from './idempotency/idempotency.js';
import { declaredScopeOf } from './identity.js';

declare module 'fastify' {
  interface FastifySchema {
    /**
     * The domain errors this operation can answer with, by code: `['TAXPAYER_NOT_FOUND']`. Their
     * statuses come from the catalogues. The errors every route can give (validation, sign-in,
     * role, rate limit, body size and type, 500) are added by `describeRoute`; list only the rest.
     */
    errors?: readonly DeclarableErrorCode[];
  }
}

/** Status → the codes an operation can answer with under it. */
export type ProblemStatuses = ReadonlyMap<number, readonly string[]>;

const OPERATION_ID = /^[a-z][A-Za-z0-9]*$/;
// Methods whose requests Fastify parses a body for (so size and media type can be refused).
const BODYLESS = new Set(['GET', 'HEAD', 'TRACE']);

/** What any route can answer besides its own domain errors. */
function platformCodes(route: RouteOptions, method: string): DeclarableErrorCode[] {
  const codes: DeclarableErrorCode[] = ['VALIDATION_FAILED', 'BAD_REQUEST', 'ROUTE_NOT_FOUND', 'INTERNAL'];
  const takesBody = !BODYLESS.has(method);
  // `security: []` marks a public route, `[{ operatorToken: [] }]` an operator one (its own token,
  // none of the guard's codes); every other one runs the auth guard.
  const security = route.schema?.security as Record<string, unknown>[] | undefined;
  const guarded = !(
    Array.isArray(security) &&
    (security.length === 0 || security.every((s) => 'operatorToken' in s))
  );
  if (security?.some((s) => 'operatorToken' in s))
    codes.push('OPERATOR_API_DISABLED', 'OPERATOR_TOKEN_INVALID');
  if (guarded)
    codes.push(
      'UNAUTHENTICATED',
      'INVALID_API_KEY',
      'FORBIDDEN',
      // API keys: resource scopes and signed requests (modules/auth, docs/signed-requests.md).
      'API_KEY_SCOPE_MISSING',
      'REQUEST_SIGNATURE_REQUIRED',
      'REQUEST_SIGNATURE_INVALID',
      'REQUEST_TIMESTAMP_OUT_OF_WINDOW',
      'REQUEST_NONCE_REPLAYED',
    );
  // Sessions need the CSRF header on writes (API keys do not).
  if (guarded && takesBody) codes.push('CSRF_FAILED');
  if (takesBody) codes.push('PAYLOAD_TOO_LARGE', 'UNSUPPORTED_MEDIA_TYPE');
  // The router refuses a path parameter longer than maxParamLength before the route runs.
  if (route.url.includes(':')) codes.push('URI_TOO_LONG');
  if (route.config?.rateLimit !== false) codes.push('RATE_LIMITED');
  // An Idempotency-Key on an authenticated POST/PATCH (idempotency/idempotency.ts).
  if (guarded && routeTakesIdempotencyKey(method, route.url, route.schema))
    codes.push('IDEMPOTENCY_KEY_REUSED', 'IDEMPOTENCY_KEY_IN_PROGRESS');
  return codes;
}

/**
 * Checks, as each route is registered, what its OpenAPI operation needs, so a route that breaks
 * the conventions stops the server at start instead of leaving a hole in `/docs/json`:
 * a unique camelCase `schema.operationId`, a declared success response, and declared error
 * codes that exist. Keeps, per route, the statuses and codes it can answer with for the
 * document (see openapi.ts). Hidden routes (Swagger UI, static files) and HEAD copies are skipped.
 */
export function createRouteDescriber() {
  const operations = new Map<string, string>();
  const problemsBySchema = new WeakMap<object, ProblemStatuses>();
  const scopeBySchema = new WeakMap<object, string>();

  return {
    describeRoute(route: RouteOptions) {
      const methods = [route.method].flat().filter((m) => m !== 'HEAD');
      const { schema } = route;
      if (methods.length === 0 || schema?.hide) return;
      const where = `${methods.join(',')} ${route.url}`;
      const operationId = schema?.operationId;
      if (!schema || !operationId || !OPERATION_ID.test(operationId) || methods.length > 1)
        throw new Error(`${where}: give it one method and a camelCase schema.operationId (e.g. listCfdi)`);
      const taken = operations.get(operationId);
      if (taken) throw new Error(`${where}: operationId ${operationId} is already used by ${taken}`);
      operations.set(operationId, where);
      if (!Object.keys(schema.response ?? {}).some((status) => status.startsWith('2')))
        throw new Error(`${where}: declare its success response (200, 201, 202 or 204) in schema.response`);

      const byStatus = new Map<number, string[]>();
      for (const code of [...platformCodes(route, methods[0]!), ...(schema.errors ?? [])]) {
        const spec = errorSpecOf(code);
        if (!spec) throw new Error(`${where}: unknown error code ${code} in schema.errors`);
        const codes = byStatus.get(spec.status) ?? [];
        if (!codes.includes(code)) codes.push(code);
        byStatus.set(spec.status, codes);
      }
      problemsBySchema.set(schema, byStatus);
      const scope = declaredScopeOf(route.preHandler);
      if (scope) scopeBySchema.set(schema, scope);
    },
    /** The problem statuses of a route described above (looked up by its schema object). */
    problemsOf: (schema: object | undefined): ProblemStatuses | undefined =>
      schema ? problemsBySchema.get(schema) : undefined,
    /** The resource scope a route's guard declares (`guard(role, { scope })`), for the document. */
    scopeOf: (schema: object | undefined): string | undefined =>
      schema ? scopeBySchema.get(schema) : undefined,
  };
}

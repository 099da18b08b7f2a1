import type { FastifyInstance, FastifyRequest } from 'fastify';

declare module 'fastify' {
  interface FastifyRequest {
    /** The JSON body's bytes as they arrived (signed requests hash them); unset for other bodies. */
    rawBody?: Buffer;
  }
}

/**
 * Replaces Fastify's JSON parser by the same parser (same prototype-poisoning refusals, same
 * empty and malformed body errors) reading the body as a Buffer first, so the exact bytes stay on
 * the request: a signature covers what was sent, not a re-serialization of what was parsed. JSON
 * bodies are already held whole in memory by Fastify, under the 1 MiB body limit; this adds no copy.
 */
export function keepRawJsonBodies(app: FastifyInstance) {
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (req, body, done) => {
    (req as FastifyRequest).rawBody = body as Buffer;
    // The default parser takes a Buffer as well as a string (secure-json-parse decodes it).
    parseJson(req, body as unknown as string, done);
  });
}

/**
 * The bytes a signature covers: the raw JSON, or a body a route's own parser kept as a Buffer or
 * string (XML uploads), or nothing for a request without a body. `'multipart'` for uploads, which
 * are a stream the handler reads after the guard, and `'unknown'` when a body was parsed and its
 * bytes were not kept (the caller refuses rather than guess).
 */
export function signedBodyOf(req: FastifyRequest): Buffer | 'multipart' | 'unknown' {
  if (req.rawBody) return req.rawBody;
  if (req.isMultipart()) return 'multipart';
  const body = req.body as unknown;
  if (body === undefined || body === null) return Buffer.alloc(0);
  if (Buffer.isBuffer(body)) return body;
  if (typeof body === 'string') return Buffer.from(body, 'utf8');
  return 'unknown';
}

import pino from 'pino';
import { beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createHttpServer, type HttpServer } from './create-http-server.js';

const ok = z.object({ ok: z.boolean() });
const handler = async () => ({ ok: true });

describe('route conventions, checked as each route is registered', () => {
  let app: HttpServer;
  beforeEach(async () => {
    app = await createHttpServer({
      logger: pino({ level: 'silent' }),
      rateLimitPerMinute: 100,
      version: 'test',
    });
  });

  it('refuses a route without a camelCase operationId, or with one already taken', () => {
    expect(() => app.get('/a', { schema: { response: { 200: ok } } }, handler)).toThrow(/operationId/);
    expect(() => app.get('/b', { schema: { operationId: 'Get-B', response: { 200: ok } } }, handler)).toThrow(
      /camelCase/,
    );
    app.get('/c', { schema: { operationId: 'getC', response: { 200: ok } } }, handler);
    expect(() => app.get('/d', { schema: { operationId: 'getC', response: { 200: ok } } }, handler)).toThrow(
      /already used by GET \/c/,
    );
  });

  it('refuses a route that does not declare its success response', () => {
    expect(() => app.post('/e', { schema: { operationId: 'postE' } }, handler)).toThrow(/success response/);
  });

  it('refuses an error code no catalogue knows', () => {
    expect(() =>
      app.get(
        '/f',
        // @ts-expect-error a misspelt code does not compile either
        { schema: { operationId: 'getF', response: { 200: ok }, errors: ['NOT_A_CODE'] } },
        handler,
      ),
    ).toThrow(/unknown error code NOT_A_CODE/);
  });

  it('leaves hidden routes alone', () => {
    expect(() => app.get('/hidden', { schema: { hide: true } }, handler)).not.toThrow();
  });
});

import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createHttpServer, type HttpServer } from './create-http-server.js';

describe('unmatched requests: 405 for a known path, 404 otherwise, the SPA for HTML pages', () => {
  let app: HttpServer;
  let webRoot: string;
  beforeAll(async () => {
    webRoot = await mkdtemp(path.join(os.tmpdir(), 'boveda-spa-'));
    await writeFile(path.join(webRoot, 'index.html'), '<!doctype html><title>Bóveda</title>');
    app = await createHttpServer({
      logger: pino({ level: 'silent' }),
      rateLimitPerMinute: 1000,
      version: 'test',
      spaFallback: true,
    });
    const ok = async () => ({ ok: true });
    const schema = (operationId: string) => ({
      operationId,
      response: { 200: z.object({ ok: z.boolean() }) },
    });
    app.get('/api/v1/things', { schema: schema('listThings') }, ok);
    app.post('/api/v1/things', { schema: schema('createThing') }, ok);
    app.delete('/api/v1/things/:id', { schema: schema('deleteThing') }, ok);
    app.get('/api/v1/gone', { schema: schema('gone') }, (_req, reply) => reply.callNotFound());
    await app.register(fastifyStatic, { root: webRoot, wildcard: false, index: 'index.html' });
    await app.ready();
  });
  afterAll(async () => {
    await app.close();
    await rm(webRoot, { recursive: true, force: true });
  });

  it('answers a wrong method on an existing path with 405 and the methods it has (HEAD with GET)', async () => {
    const put = await app.inject({ method: 'PUT', url: '/api/v1/things?x=1' });
    expect(put.statusCode).toBe(405);
    expect(put.headers.allow).toBe('GET, HEAD, POST');
    expect(put.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(put.json()).toMatchObject({ status: 405, code: 'METHOD_NOT_ALLOWED' });
    const get = await app.inject({ method: 'GET', url: '/api/v1/things/0b0c5b1e' });
    expect([get.statusCode, get.headers.allow]).toEqual([405, 'DELETE']);
  });

  it('keeps 404 ROUTE_NOT_FOUND for unknown paths and for a handler that calls notFound', async () => {
    for (const [method, url] of [
      ['GET', '/api/v1/nope'],
      ['POST', '/api/v1/things/1/more'],
      ['GET', '/api/v1/gone'],
    ] as const) {
      const res = await app.inject({ method, url });
      expect([method, url, res.statusCode, res.json().code]).toEqual([method, url, 404, 'ROUTE_NOT_FOUND']);
      expect(res.headers.allow).toBeUndefined();
    }
  });

  it('still serves the SPA for HTML page loads outside /api/', async () => {
    const page = await app.inject({
      method: 'GET',
      url: '/taxpayers/EKU9003173C9',
      headers: { accept: 'text/html' },
    });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<title>Bóveda</title>');
    const api = await app.inject({ method: 'GET', url: '/api/v1/nope', headers: { accept: 'text/html' } });
    expect(api.statusCode).toBe(404);
  });
});

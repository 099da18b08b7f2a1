import { randomBytes, randomUUID } from 'node:crypto';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { startTestServer, type TestServer } from '../../test/support/test-server.js';
import type { ColumnRef } from '../platform/crypto/index.js';
import type { HttpServer } from '../platform/http/create-http-server.js';
import { identityOf, readerOf } from '../platform/http/identity.js';
import { createLogger } from '../platform/logging/index.js';
import { buildHttpApp } from './http-app.js';

const PASSWORD = 'una contraseña larga 123';
const cell = (id: string): ColumnRef => ({ table: 'clients', column: 'email', id });

/**
 * The root wires the audit trail into the secret box: a read done for a request is recorded with
 * the person or API key behind it and the request id. The route is the test's own (no module
 * reads encrypted columns over HTTP yet); it does what a clients module's route would.
 */
describe('decryption audit through the assembled app', () => {
  let server: TestServer;
  let app: HttpServer;
  let seeded: { tenantSlug: string; tenantId: string; userId: string };
  let apiKey: { id: string; key: string };
  const logLines: string[] = [];
  /** The "clients" table of this test: row id → sealed email. */
  const sealedEmails = new Map<string, Buffer | null>();
  const email = `Cliente.${randomBytes(5).toString('hex')}@Example.MX`;
  let clientId: string;

  beforeAll(async () => {
    const sink = new Writable({
      write(chunk, _enc, done) {
        logLines.push(String(chunk));
        done();
      },
    });
    server = await startTestServer({ logger: createLogger({ level: 'debug', destination: sink }) });
    seeded = await server.seedUser({
      tenantName: 'Despacho Lectores',
      email: 'admin@lectores.mx',
      password: PASSWORD,
      role: 'admin',
    });
    apiKey = await server.createApiKey(seeded.tenantSlug, 'viewer');
    clientId = randomUUID();
    sealedEmails.set(clientId, await server.ctx.secretBox.sealColumn(seeded.tenantId, cell(clientId), email));

    app = await buildHttpApp(server.ctx);
    app.get(
      '/api/v1/test-clients/:id/email',
      {
        schema: {
          operationId: 'testReadClientEmail',
          params: z.object({ id: z.uuid() }),
          response: { 200: z.object({ email: z.string().nullable() }) },
        },
        preHandler: server.ctx.services.guard('viewer'),
      },
      async (req) => {
        const { tenantId } = identityOf(req);
        const sealed = sealedEmails.get(req.params.id);
        const opened = await server.ctx.secretBox.openColumn<string>(
          tenantId,
          cell(req.params.id),
          sealed,
          readerOf(req),
        );
        return { email: opened };
      },
    );
    await app.ready();
  });
  afterAll(async () => {
    await app?.close();
    await server?.close();
  });

  async function decryptionEvents() {
    const login = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: 'admin@lectores.mx', password: PASSWORD },
    });
    const cookie = login.cookies.find((c) => c.name === 'boveda_session')!;
    const res = await app.inject({
      url: '/api/v1/audit-events?limit=200',
      cookies: { boveda_session: cookie.value },
    });
    expect(res.statusCode).toBe(200);
    return (res.json().items as { action: string }[]).filter((e) => e.action === 'secret.decrypted');
  }

  it('names the signed-in person and the request id of the read', async () => {
    const login = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: 'admin@lectores.mx', password: PASSWORD },
      headers: { 'user-agent': 'test-browser/1.0' },
    });
    const session = login.cookies.find((c) => c.name === 'boveda_session')!.value;
    const res = await app.inject({
      url: `/api/v1/test-clients/${clientId}/email`,
      cookies: { boveda_session: session },
      headers: { 'x-request-id': 'req-user-0001', 'user-agent': 'test-browser/1.0' },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ email });
    expect(await decryptionEvents()).toContainEqual(
      expect.objectContaining({
        actorType: 'user',
        actorId: seeded.userId,
        actorLabel: 'admin@lectores.mx',
        userAgent: 'test-browser/1.0',
        targetType: 'secret',
        targetId: `column:clients.email:${clientId}`,
        metadata: { requestId: 'req-user-0001' },
      }),
    );
  });

  it('names the API key and the request id the answer carried', async () => {
    const res = await app.inject({
      url: `/api/v1/test-clients/${clientId}/email`,
      headers: { authorization: `Bearer ${apiKey.key}` },
    });
    expect(res.statusCode).toBe(200);
    const requestId = res.headers['x-request-id'];
    expect(requestId).toEqual(expect.any(String));
    expect(await decryptionEvents()).toContainEqual(
      expect.objectContaining({
        actorType: 'api_key',
        actorId: apiKey.id,
        targetId: `column:clients.email:${clientId}`,
        metadata: { requestId },
      }),
    );
  });

  it('records no read when the value does not open, and leaks it nowhere', async () => {
    const before = (await decryptionEvents()).length;
    // The sealed email of one client copied to another client's row.
    const other = randomUUID();
    sealedEmails.set(other, sealedEmails.get(clientId)!);
    const res = await app.inject({
      url: `/api/v1/test-clients/${other}/email`,
      headers: { authorization: `Bearer ${apiKey.key}`, 'x-request-id': 'req-moved-0001' },
    });
    expect(res.statusCode).toBe(500);
    expect(res.body).not.toContain(email);
    expect((await decryptionEvents()).length).toBe(before);
    const logs = logLines.join('');
    expect(logs).toContain('req-moved-0001');
    for (const needle of [email, email.toLowerCase(), email.split('@')[0]!]) {
      expect(logs).not.toContain(needle);
    }
  });
});

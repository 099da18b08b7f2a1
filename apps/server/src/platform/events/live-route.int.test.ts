import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { openEventStream } from '../../../test/support/event-stream.js';
import { startTestServer, type TestServer } from '../../../test/support/test-server.js';
import { defineEvent } from './index.js';

const noted = defineEvent({
  type: 'test.note.added',
  version: 1,
  schema: z.object({ n: z.number() }),
  aggregateOf: () => 'note',
  description: 'tests only',
});

describe('GET /api/v1/events: the live channel', () => {
  let server: TestServer;
  const org = {} as Record<'a' | 'b', { id: string; viewer: string }>;
  beforeAll(async () => {
    server = await startTestServer();
    for (const name of ['a', 'b'] as const) {
      const t = await server.seedUser({
        tenantName: `Live ${name}`,
        email: `live-${name}@x.mx`,
        password: 'password-long-enough',
        role: 'owner',
      });
      org[name] = { id: t.tenantId, viewer: (await server.createApiKey(t.tenantSlug, 'viewer')).key };
    }
  });
  afterAll(() => server?.close());

  const publish = (tenantId: string, n: number) =>
    server.ctx.database.transaction((tx) => server.ctx.events.publish(tx, noted, { n }, { tenantId }));
  const stream = (key: string, headers: Record<string, string> = {}, query = '') =>
    openEventStream(`${server.url}/api/v1/events${query}`, { authorization: `Bearer ${key}`, ...headers });

  it("streams the organization's events as they commit, and only its own", async () => {
    const a = await stream(org.a.viewer);
    const b = await stream(org.b.viewer);
    expect(a.response.status).toBe(200);
    expect(a.response.headers.get('content-type')).toContain('text/event-stream');
    expect(a.response.headers.get('cache-control')).toBe('no-store');
    await publish(org.a.id, 1);
    await publish(org.b.id, 2);
    const seen = await a.next((e) => e.event === 'test.note.added');
    expect(seen.json).toMatchObject({ type: 'test.note.added', tenantId: org.a.id, payload: { n: 1 } });
    expect(seen.id).toBe(seen.json.id);
    await b.next((e) => e.json?.payload?.n === 2);
    expect(a.received.some((e) => e.json?.payload?.n === 2)).toBe(false);
    expect(b.received.some((e) => e.json?.payload?.n === 1)).toBe(false);
    await a.close();
    await b.close();
  });

  it('replays what a reconnecting client missed, in order, then continues live', async () => {
    const first = await publish(org.a.id, 10);
    await publish(org.a.id, 11);
    await publish(org.a.id, 12);
    await publish(org.b.id, 99);
    const again = await stream(org.a.viewer, { 'last-event-id': first.id });
    await again.next((e) => e.json?.payload?.n === 12);
    await publish(org.a.id, 13);
    await again.next((e) => e.json?.payload?.n === 13);
    const ns = again.received.filter((e) => e.event === 'test.note.added').map((e) => e.json.payload.n);
    expect(ns).toEqual([11, 12, 13]);
    await again.close();
    // The same through ?after=, for clients that cannot set headers.
    const viaQuery = await stream(org.a.viewer, {}, `?after=${first.id}`);
    await viaQuery.next((e) => e.json?.payload?.n === 13);
    expect(viaQuery.received.map((e) => e.json?.payload?.n)).toEqual([11, 12, 13]);
    await viaQuery.close();
  });

  it('asks for credentials, and refuses a malformed resume point', async () => {
    const anonymous = await fetch(`${server.url}/api/v1/events`);
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('content-type')).toContain('application/problem+json');
    const bad = await fetch(`${server.url}/api/v1/events?after=yesterday`, {
      headers: { authorization: `Bearer ${org.a.viewer}` },
    });
    expect(bad.status).toBe(400);
  });
});

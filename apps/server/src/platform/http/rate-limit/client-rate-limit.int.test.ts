import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { json } from '../../../../test/support/http.js';
import { connectTestRedis } from '../../../../test/support/redis.js';
import { startTestServer, type TestServer } from '../../../../test/support/test-server.js';

const me = (server: TestServer, apiKey: string) =>
  fetch(`${server.url}/api/v1/me`, { headers: { authorization: `Bearer ${apiKey}` } });

describe('rate limits per API client and per organization (memory)', () => {
  let server: TestServer;
  let keyA: string;
  let keyA2: string;
  let keyB: string;
  beforeAll(async () => {
    server = await startTestServer({
      env: { RATE_LIMIT_PER_CLIENT_PER_MINUTE: '3', RATE_LIMIT_PER_TENANT_PER_MINUTE: '5' },
    });
    const a = await server.seedUser({
      tenantName: 'A',
      email: 'a@a.mx',
      password: 'pw-aaaaaaaaaa',
      role: 'owner',
    });
    const b = await server.seedUser({
      tenantName: 'B',
      email: 'b@b.mx',
      password: 'pw-bbbbbbbbbb',
      role: 'owner',
    });
    keyA = (await server.createApiKey(a.tenantSlug, 'viewer')).key;
    keyA2 = (await server.createApiKey(a.tenantSlug, 'viewer')).key;
    keyB = (await server.createApiKey(b.tenantSlug, 'viewer')).key;
  });
  afterAll(() => server.close());

  it('paces a client with RateLimit-* headers and answers 429 with Retry-After past its limit', async () => {
    const seen: string[] = [];
    for (let i = 0; i < 3; i++) {
      const res = await me(server, keyA);
      expect(res.status).toBe(200);
      expect(res.headers.get('ratelimit-limit')).toBe('3');
      seen.push(res.headers.get('ratelimit-remaining')!);
      const reset = Number(res.headers.get('ratelimit-reset'));
      expect(reset).toBeGreaterThan(0);
      expect(reset).toBeLessThanOrEqual(60);
    }
    expect(seen).toEqual(['2', '1', '0']);
    const limited = await me(server, keyA);
    expect(limited.status).toBe(429);
    expect(limited.headers.get('content-type')).toContain('application/problem+json');
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(limited.headers.get('ratelimit-remaining')).toBe('0');
    expect(await json(limited)).toMatchObject({ status: 429, code: 'RATE_LIMITED' });
  });

  it('limits the organization as a whole, and not another one', async () => {
    // Tenant A has used 4 of its 5 (3 answered + 1 refused, each counted); its second key gets 1.
    const first = await me(server, keyA2);
    expect(first.status).toBe(200);
    expect(first.headers.get('ratelimit-limit')).toBe('5');
    expect(first.headers.get('ratelimit-remaining')).toBe('0');
    const limited = await me(server, keyA2);
    expect(limited.status).toBe(429);
    expect((await json(limited)).detail).toContain('organization');
    // Another organization is untouched.
    expect((await me(server, keyB)).status).toBe(200);
  });

  it('never limits probes, public routes or the web, and adds no headers there', async () => {
    for (let i = 0; i < 5; i++) {
      const health = await fetch(`${server.url}/health`);
      expect(health.status).toBe(200);
      expect(health.headers.get('ratelimit-limit')).toBeNull();
    }
    const ready = await fetch(`${server.url}/ready`);
    expect(ready.headers.get('ratelimit-limit')).toBeNull();
  });
});

/** Two API processes on one database and one Redis count together. */
const redis = await connectTestRedis('shared rate-limit tests');

describe.runIf(redis)('rate limits and idempotency keys shared by two API processes', () => {
  let one: TestServer;
  let two: TestServer;
  let apiKey: string;
  let tenantSlug: string;
  beforeAll(async () => {
    const env = {
      REDIS_URL: redis!.url,
      REDIS_KEY_PREFIX: redis!.prefix,
      RATE_LIMIT_PER_CLIENT_PER_MINUTE: '4',
      RATE_LIMIT_PER_TENANT_PER_MINUTE: '100',
    };
    one = await startTestServer({ env });
    // The second process on the first one's database, with its master key (as a deployment shares it).
    two = await startTestServer({
      env: {
        ...env,
        DATABASE_URL: one.ctx.config.env.DATABASE_URL!,
        BOVEDA_MASTER_KEY_FILE: one.ctx.config.masterKeyFile,
      },
    });
    const t = await one.seedUser({
      tenantName: 'Shared',
      email: 's@s.mx',
      password: 'pw-ssssssssss',
      role: 'owner',
    });
    apiKey = (await one.createApiKey(t.tenantSlug, 'viewer')).key;
    tenantSlug = t.tenantSlug;
  });
  afterAll(async () => {
    await two?.close();
    await one?.close();
    await redis!.close();
  });

  it('counts one client across both processes', async () => {
    const statuses: number[] = [];
    const remaining: (string | null)[] = [];
    for (const server of [one, two, one, two, one, two]) {
      const res = await me(server, apiKey);
      statuses.push(res.status);
      remaining.push(res.headers.get('ratelimit-remaining'));
    }
    expect(statuses).toEqual([200, 200, 200, 200, 429, 429]);
    expect(remaining).toEqual(['3', '2', '1', '0', '0', '0']);
    // The counters live under the configured prefix.
    const keys: string[] = [];
    for await (const batch of redis!.admin.scanStream({ match: `${redis!.prefix}rl:*`, count: 500 }))
      keys.push(...(batch as string[]));
    expect(keys.length).toBeGreaterThanOrEqual(2);
  });

  it('replays an Idempotency-Key answered by the other process, and refuses it with another body', async () => {
    const key = (await one.createApiKey(tenantSlug, 'admin')).key;
    const create = (server: TestServer, url: string) =>
      fetch(`${server.url}/api/v1/webhooks/endpoints`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${key}`,
          'content-type': 'application/json',
          'idempotency-key': 'two-processes-1',
        },
        body: JSON.stringify({ url }),
      });
    const first = await create(one, 'https://erp.example.com/hooks');
    expect(first.status).toBe(201);
    const again = await create(two, 'https://erp.example.com/hooks');
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(((await again.json()) as { id: string }).id).toBe(((await first.json()) as { id: string }).id);
    const other = await create(two, 'https://erp.example.com/other');
    expect(other.status).toBe(422);
    expect(((await other.json()) as { code: string }).code).toBe('IDEMPOTENCY_KEY_REUSED');
  });
});

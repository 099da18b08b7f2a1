import { createServer, type Server } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../test/support/test-server.js';

describe('/ready', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server?.close());

  it('reports each dependency with its latency, 200 when all answer', async () => {
    const res = await fetch(`${server.url}/ready`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { status: string; checks: Record<string, unknown> };
    expect(body.status).toBe('ready');
    expect(Object.keys(body.checks).sort()).toEqual(['database', 'jobs', 'storage']);
    for (const check of Object.values(body.checks) as { status: string; latencyMs: number }[]) {
      expect(check.status).toBe('ok');
      expect(Number.isInteger(check.latencyMs) && check.latencyMs >= 0).toBe(true);
    }
  });
});

describe('/ready with object storage down', () => {
  let server: TestServer;
  let blackhole: Server;
  let port: number;
  beforeAll(async () => {
    // A port that accepts connections and never answers, then one that refuses: S3 is unreachable.
    blackhole = createServer((socket) => socket.destroy());
    await new Promise<void>((r) => blackhole.listen(0, '127.0.0.1', r));
    port = (blackhole.address() as { port: number }).port;
    server = await startTestServer({
      env: {
        STORAGE_DRIVER: 's3',
        S3_ENDPOINT: `http://127.0.0.1:${port}`,
        S3_BUCKET: 'boveda-ready-test',
        S3_ACCESS_KEY_ID: 'ready-test-access-key',
        S3_SECRET_ACCESS_KEY: 'ready-test-secret-value',
      },
    });
  });
  afterAll(async () => {
    await server?.close();
    await new Promise((r) => blackhole?.close(r));
  });

  it('answers 503 problem+json naming it, and nothing internal', async () => {
    const res = await fetch(`${server.url}/ready`);
    expect(res.status).toBe(503);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    const text = await res.text();
    const body = JSON.parse(text);
    expect(body).toMatchObject({
      status: 503,
      code: 'DEPENDENCY_UNAVAILABLE',
      params: { unavailable: ['storage'] },
      checks: { database: { status: 'ok' }, jobs: { status: 'ok' }, storage: { status: 'error' } },
      requestId: expect.any(String),
    });
    // Neither the endpoint, the bucket, the credentials nor a driver's message leave.
    for (const secret of [
      String(port),
      'boveda-ready-test',
      'ready-test-access-key',
      'ready-test-secret-value',
      'ECONN',
      'socket',
    ])
      expect(text).not.toContain(secret);
    // Liveness is unaffected: the process itself is fine.
    expect((await fetch(`${server.url}/health`)).status).toBe(200);
  });
});

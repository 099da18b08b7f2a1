import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createHttpServer } from './create-http-server.js';

/** What the server takes as the client's address for each TRUST_PROXY setting. */
async function clientIpWith(trustProxy: boolean | number | string[] | undefined, remoteAddress: string) {
  const app = await createHttpServer({
    logger: pino({ level: 'silent' }),
    rateLimitPerMinute: 1000,
    version: 'test',
    ...(trustProxy === undefined ? {} : { trustProxy }),
  });
  app.get(
    '/ip',
    { schema: { operationId: 'ip', response: { 200: z.object({ ip: z.string() }) } } },
    async (req) => ({ ip: req.ip }),
  );
  const res = await app.inject({
    url: '/ip',
    remoteAddress,
    headers: { 'x-forwarded-for': '203.0.113.9, 198.51.100.7' },
  });
  await app.close();
  return (res.json() as { ip: string }).ip;
}

describe('TRUST_PROXY', () => {
  it('ignores X-Forwarded-For by default: a client cannot choose its own address', async () => {
    expect(await clientIpWith(undefined, '192.0.2.1')).toBe('192.0.2.1');
    expect(await clientIpWith(false, '192.0.2.1')).toBe('192.0.2.1');
  });

  it('believes one hop: the address the nearest proxy saw', async () => {
    expect(await clientIpWith(1, '127.0.0.1')).toBe('198.51.100.7');
  });

  it('believes only the listed proxies', async () => {
    expect(await clientIpWith(['127.0.0.1'], '127.0.0.1')).toBe('198.51.100.7');
    expect(await clientIpWith(['127.0.0.1'], '192.0.2.1')).toBe('192.0.2.1');
  });
});

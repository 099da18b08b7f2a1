import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  OutboundBlockedError,
  OutboundInvalidUrlError,
  OutboundTimeoutError,
  OutboundTooLargeError,
} from './outbound.errors.js';
import { createOutboundClient, type OutboundClientOptions } from './outbound-client.js';

// A real HTTP server on 127.0.0.1 with one route per behaviour under test.
function startServer() {
  const seen: { host?: string; userAgent?: string; body: string }[] = [];
  const pending: http.ServerResponse[] = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => {
      body += c;
    });
    req.on('end', () => {
      seen.push({ host: req.headers.host, userAgent: req.headers['user-agent'], body });
      if (req.url === '/redirect') {
        res.writeHead(302, { location: 'http://169.254.169.254/latest/meta-data/' }).end('moved');
      } else if (req.url === '/slow') {
        pending.push(res);
        res.writeHead(200);
        res.write('partial');
      } else if (req.url === '/big') {
        res.writeHead(200, { 'content-type': 'application/octet-stream' });
        res.end(Buffer.alloc(64 * 1024, 1));
      } else if (req.url === '/big-chunked') {
        // No content-length: the cap must hold while streaming.
        res.writeHead(200, { 'transfer-encoding': 'chunked' });
        for (let i = 0; i < 16; i++) res.write(Buffer.alloc(4096, 2));
        res.end();
      } else {
        res.writeHead(200, { 'content-type': 'text/plain', 'x-echo-method': req.method ?? '' });
        res.end(`hello ${body}`);
      }
    });
  });
  return new Promise<{ port: number; seen: typeof seen; close: () => Promise<void> }>((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      resolve({
        port: (server.address() as AddressInfo).port,
        seen,
        close: () =>
          new Promise((r) => {
            for (const res of pending) res.destroy();
            server.close(() => r());
          }),
      });
    });
  });
}

const defaults: OutboundClientOptions = {
  allowPrivate: false,
  allowedHosts: [],
  timeoutMs: 5000,
  maxBytes: 1024 * 1024,
  userAgent: 'Boveda-test/1',
};

describe('outbound client', () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  let base: string;
  beforeAll(async () => {
    server = await startServer();
    base = `http://127.0.0.1:${server.port}`;
  });
  afterAll(() => server.close());

  it('blocks loopback by default, before any connection is made', async () => {
    const client = createOutboundClient(defaults);
    const before = server.seen.length;
    const error = await client.request(`${base}/`).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OutboundBlockedError);
    expect((error as OutboundBlockedError).code).toBe('OUTBOUND_BLOCKED');
    expect(server.seen.length).toBe(before);
  });

  it.each([
    ['decimal', 'http://2130706433/'],
    ['hex and short form', 'http://0x7f.1/'],
    ['octal', 'http://0177.0.0.1/'],
    ['IPv4-mapped IPv6', 'http://[::ffff:127.0.0.1]/'],
    ['IPv6 loopback', 'http://[::1]/'],
    ['localhost', 'http://localhost/'],
    ['cloud metadata', 'http://169.254.169.254/latest/meta-data/'],
    ['unspecified', 'http://0.0.0.0/'],
    ['private', 'https://10.0.0.1/'],
    ['CGNAT', 'http://100.64.1.1/'],
    ['ULA', 'http://[fd00::1]/'],
  ])('blocks %s (%s)', async (_name, url) => {
    await expect(createOutboundClient(defaults).request(url)).rejects.toThrow(OutboundBlockedError);
  });

  it('allowPrivate opens loopback but still blocks link-local metadata', async () => {
    const client = createOutboundClient({ ...defaults, allowPrivate: true });
    expect((await client.request(`${base}/`)).status).toBe(200);
    await expect(client.request('http://169.254.169.254/')).rejects.toThrow(OutboundBlockedError);
  });

  it.each([
    'file:///etc/passwd',
    'ftp://example.com/',
    'gopher://127.0.0.1/',
    'javascript:alert(1)',
    'nonsense',
  ])('rejects %s', async (url) => {
    await expect(createOutboundClient(defaults).request(url)).rejects.toThrow(OutboundInvalidUrlError);
  });

  it('reaches a host listed in allowedHosts, sending the body, user agent and original Host', async () => {
    const client = createOutboundClient({ ...defaults, allowedHosts: [`localhost:${server.port}`] });
    const res = await client.request(`http://localhost:${server.port}/echo`, {
      method: 'POST',
      body: 'hola',
    });
    expect(res.status).toBe(200);
    expect(res.body.toString()).toBe('hello hola');
    expect(res.headers['x-echo-method']).toBe('POST');
    expect(server.seen.at(-1)).toEqual({
      host: `localhost:${server.port}`,
      userAgent: 'Boveda-test/1',
      body: 'hola',
    });
    // The entry names a port: the same host on another port stays blocked.
    await expect(client.request('http://localhost:1/')).rejects.toThrow(OutboundBlockedError);
  });

  it('returns a redirect as it is and never follows it', async () => {
    const client = createOutboundClient({ ...defaults, allowedHosts: ['127.0.0.1'] });
    const res = await client.request(`${base}/redirect`);
    expect(res.status).toBe(302);
    expect(res.headers.location).toBe('http://169.254.169.254/latest/meta-data/');
    expect(res.body.toString()).toBe('moved');
  });

  it('gives up on a server that stops answering', async () => {
    const client = createOutboundClient({ ...defaults, allowedHosts: ['127.0.0.1'], timeoutMs: 300 });
    const error = await client.request(`${base}/slow`).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OutboundTimeoutError);
    expect((error as OutboundTimeoutError).code).toBe('OUTBOUND_TIMEOUT');
  });

  it('caps the response size, announced or streamed', async () => {
    const client = createOutboundClient({ ...defaults, allowedHosts: ['127.0.0.1'], maxBytes: 16 * 1024 });
    await expect(client.request(`${base}/big`)).rejects.toThrow(OutboundTooLargeError);
    await expect(client.request(`${base}/big-chunked`)).rejects.toThrow(OutboundTooLargeError);
    const res = await client.request(`${base}/big-chunked`, { maxBytes: 128 * 1024 });
    expect(res.body.length).toBe(16 * 4096);
  });

  it('with truncate, keeps the status and the first bytes of a body past the cap', async () => {
    const client = createOutboundClient({ ...defaults, allowedHosts: ['127.0.0.1'], maxBytes: 1024 });
    for (const path of ['/big', '/big-chunked']) {
      const res = await client.request(`${base}${path}`, { truncate: true });
      expect(res.status).toBe(200);
      expect(res.truncated).toBe(true);
      expect(res.body.length).toBe(1024);
    }
  });

  it('check() validates a URL without sending a request', async () => {
    const client = createOutboundClient(defaults);
    const before = server.seen.length;
    await expect(client.check(`${base}/`)).rejects.toThrow(OutboundBlockedError);
    await expect(client.check('ftp://x/')).rejects.toThrow(OutboundInvalidUrlError);
    expect(server.seen.length).toBe(before);
  });
});

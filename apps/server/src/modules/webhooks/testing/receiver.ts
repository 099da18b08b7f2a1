import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Received {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
  at: number;
}

/** What the receiver does with the n-th request (from 1) to a path. */
export type Behaviour = (
  n: number,
  req: Received,
) =>
  | { status: number; body?: string; headers?: Record<string, string>; delayMs?: number }
  | { hang: true }
  | { huge: number }
  | { destroy: true };

/**
 * A real HTTP server on 127.0.0.1 standing in for an integrator's system: it records every request
 * and answers by path as told (status, Retry-After, a hang, gigabytes, a dropped connection).
 */
export async function startReceiver(behaviours: Record<string, Behaviour> = {}) {
  const received: Received[] = [];
  const counts = new Map<string, number>();
  const hanging = new Set<ServerResponse>();
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const path = req.url ?? '/';
      const entry: Received = {
        path,
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
        at: Date.now(),
      };
      received.push(entry);
      const n = (counts.get(path) ?? 0) + 1;
      counts.set(path, n);
      const behaviour: Behaviour = behaviours[path] ?? (() => ({ status: 200, body: 'ok' }));
      const answer = behaviour(n, entry);
      if ('hang' in answer) {
        hanging.add(res);
        return;
      }
      if ('destroy' in answer) {
        req.socket.destroy();
        return;
      }
      if ('huge' in answer) {
        res.writeHead(200, { 'content-type': 'text/plain' });
        const chunk = Buffer.alloc(64 * 1024, 'x');
        let left = answer.huge;
        const pump = () => {
          while (left > 0) {
            left -= chunk.length;
            if (!res.write(chunk)) return void res.once('drain', pump);
          }
          res.end();
        };
        res.on('close', () => {
          left = 0;
        });
        pump();
        return;
      }
      const reply = () => {
        res.writeHead(answer.status, { 'content-type': 'text/plain', ...answer.headers });
        res.end(answer.body ?? '');
      };
      if (answer.delayMs) setTimeout(reply, answer.delayMs);
      else reply();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: (path: string) => `http://127.0.0.1:${port}${path}`,
    port,
    received,
    to: (path: string) => received.filter((r) => r.path === path),
    behaviours,
    async close() {
      for (const res of hanging) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

export type Receiver = Awaited<ReturnType<typeof startReceiver>>;

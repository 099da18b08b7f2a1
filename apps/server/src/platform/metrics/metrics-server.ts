import { createHash, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Metrics } from './metrics.js';

/**
 * Whether an `Authorization` header carries the metrics token. Both sides are hashed first, so
 * the comparison takes the same time whatever the length or the first wrong character.
 */
export function metricsTokenMatches(header: string | undefined, token: string): boolean {
  const given = /^Bearer (.+)$/i.exec(header ?? '')?.[1];
  if (!given) return false;
  const digest = (s: string) => createHash('sha256').update(s).digest();
  return timingSafeEqual(digest(given), digest(token));
}

/** What a readiness probe answers: its HTTP status and JSON body (secrets already left out). */
export interface ProbeAnswer {
  status: number;
  body: unknown;
}

export interface MetricsServerOptions {
  metrics: Metrics;
  host: string;
  port: number;
  /** When set, `/metrics` wants `Authorization: Bearer <token>`. */
  token?: string;
  /** `/ready` on this port too: worker processes have no other HTTP listener to probe. */
  ready: () => Promise<ProbeAnswer>;
}

export interface MetricsServer {
  /** `http://host:port` as bound (port 0 picks a free one). */
  url: string;
  close(): Promise<void>;
}

/**
 * The metrics listener (METRICS_PORT): plain node:http, no framework, no application routes. It
 * answers `GET /metrics`, `/health` and `/ready` and nothing else, so it can be bound to a private
 * interface and scraped without exposing the API.
 */
export async function startMetricsServer(opts: MetricsServerOptions): Promise<MetricsServer> {
  const send = (res: ServerResponse, status: number, type: string, body: string) => {
    res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' });
    res.end(body);
  };
  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const path = (req.url ?? '/').split('?')[0];
    if (req.method !== 'GET' && req.method !== 'HEAD')
      return send(res, 405, 'text/plain', 'Method not allowed\n');
    if (path === '/metrics') {
      if (opts.token && !metricsTokenMatches(req.headers.authorization, opts.token)) {
        res.setHeader('www-authenticate', 'Bearer realm="metrics"');
        return send(res, 401, 'text/plain', 'Unauthorized\n');
      }
      const { contentType, body } = await opts.metrics.render();
      return send(res, 200, contentType, body);
    }
    if (path === '/health') return send(res, 200, 'application/json', '{"status":"ok"}');
    if (path === '/ready') {
      const answer = await opts.ready();
      return send(
        res,
        answer.status,
        answer.status === 200 ? 'application/json' : 'application/problem+json',
        JSON.stringify(answer.body),
      );
    }
    return send(res, 404, 'text/plain', 'Not found\n');
  };
  const server: Server = createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) send(res, 500, 'text/plain', 'Internal error\n');
      else res.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const host = opts.host.includes(':') ? `[${opts.host}]` : opts.host;
  return {
    url: `http://${host}:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

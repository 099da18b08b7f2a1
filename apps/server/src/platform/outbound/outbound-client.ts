import { lookup } from 'node:dns/promises';
import http, { type IncomingMessage } from 'node:http';
import https from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import { classifyAddress, PRIVATE_KINDS } from './ip-ranges.js';
import {
  OutboundBlockedError,
  OutboundConnectionError,
  OutboundError,
  OutboundInvalidUrlError,
  OutboundTimeoutError,
  OutboundTooLargeError,
} from './outbound.errors.js';

export interface OutboundClientOptions {
  /** Allow private, loopback and CGNAT destinations (OUTBOUND_ALLOW_PRIVATE). Link-local stays blocked. */
  allowPrivate: boolean;
  /** `host` or `host:port` entries that may resolve to any address (OUTBOUND_ALLOWED_HOSTS). */
  allowedHosts: string[];
  /** Whole request budget: DNS, connect, sending and reading the body (OUTBOUND_TIMEOUT_MS). */
  timeoutMs: number;
  /** Largest response body accepted (OUTBOUND_MAX_BYTES). */
  maxBytes: number;
  userAgent: string;
}

export interface OutboundRequest {
  method?: string;
  headers?: Record<string, string>;
  body?: Buffer | string;
  timeoutMs?: number;
  maxBytes?: number;
  /** Keep the first `maxBytes` of a longer body and hang up, instead of failing (webhook receipts). */
  truncate?: boolean;
}

export interface OutboundResponse {
  status: number;
  headers: Record<string, string | string[]>;
  body: Buffer;
  /** The body was longer than `maxBytes` and was cut (only with `truncate`). */
  truncated?: boolean;
}

export interface OutboundClient {
  /** Sends one request. 3xx responses are returned as they are: redirects are never followed. */
  request(url: string | URL, init?: OutboundRequest): Promise<OutboundResponse>;
  /** Validates a URL and its resolved addresses without sending anything (e.g. when saving a webhook). */
  check(url: string | URL): Promise<void>;
}

interface Target {
  url: URL;
  /** Hostname without IPv6 brackets. */
  host: string;
  port: number;
  /** Every address DNS gave, all checked; Node's connect tries them in order (happy eyeballs). */
  addresses: { address: string; family: 4 | 6 }[];
}

function parseUrl(raw: string | URL): URL {
  let url: URL;
  try {
    url = new URL(String(raw));
  } catch {
    throw new OutboundInvalidUrlError('not a URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new OutboundInvalidUrlError(`scheme ${url.protocol} is not allowed, only http and https`);
  }
  if (!url.hostname) throw new OutboundInvalidUrlError('missing host');
  return url;
}

function deadline<T>(work: Promise<T>, signal: AbortSignal, onAbort: () => Error): Promise<T> {
  if (signal.aborted) return Promise.reject(onAbort());
  return new Promise<T>((resolve, reject) => {
    const abort = () => reject(onAbort());
    signal.addEventListener('abort', abort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener('abort', abort));
  });
}

export function createOutboundClient(options: OutboundClientOptions): OutboundClient {
  const allowed = new Set(options.allowedHosts.map((h) => h.trim().toLowerCase()).filter(Boolean));

  function isAllowedHost(url: URL, host: string, port: number): boolean {
    return [url.hostname, host].some((h) => allowed.has(h) || allowed.has(`${h}:${port}`));
  }

  async function resolveTarget(url: URL): Promise<Target> {
    const host = url.hostname.replace(/^\[|\]$/g, '').toLowerCase();
    const port = Number(url.port || (url.protocol === 'https:' ? 443 : 80));
    const literal = isIP(host);
    let addresses: { address: string; family: number }[];
    if (literal) {
      addresses = [{ address: host, family: literal }];
    } else {
      try {
        addresses = await lookup(host, { all: true, verbatim: true });
      } catch (e) {
        throw new OutboundConnectionError(
          host,
          `DNS lookup failed (${(e as NodeJS.ErrnoException).code})`,
          e,
        );
      }
      if (addresses.length === 0) throw new OutboundConnectionError(host, 'DNS returned no address');
    }
    if (!isAllowedHost(url, host, port)) {
      // Every address must pass: an attacker's DNS may mix a public and a private record.
      for (const { address } of addresses) {
        const kind = classifyAddress(address);
        if (kind && !(options.allowPrivate && PRIVATE_KINDS.has(kind))) {
          throw new OutboundBlockedError(host, address, kind);
        }
      }
    }
    return {
      url,
      host,
      port,
      addresses: addresses.map((a) => ({ address: a.address, family: a.family === 6 ? 6 : 4 })),
    };
  }

  function send(target: Target, init: OutboundRequest, signal: AbortSignal, maxBytes: number) {
    const { url, host } = target;
    // Connect to the address we checked, whatever DNS says a moment later (no DNS rebinding).
    const pinned: LookupFunction = (_hostname, opts, callback) => {
      const cb = callback as (...args: unknown[]) => void;
      const first = target.addresses[0]!;
      if ((opts as { all?: boolean }).all) cb(null, target.addresses);
      else cb(null, first.address, first.family);
    };
    const body = init.body === undefined ? undefined : Buffer.from(init.body);
    const headers: Record<string, string> = { 'user-agent': options.userAgent, ...init.headers };
    if (body) headers['content-length'] = String(body.length);
    const requestOptions: https.RequestOptions = {
      protocol: url.protocol,
      hostname: host,
      port: target.port,
      path: `${url.pathname}${url.search}`,
      method: init.method ?? 'GET',
      headers,
      lookup: pinned,
      agent: false,
      signal,
      // SNI must be a hostname; Node refuses an IP there.
      servername: isIP(host) ? undefined : host,
      auth: url.username
        ? `${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}`
        : undefined,
    };
    const transport = url.protocol === 'https:' ? https : http;

    return new Promise<OutboundResponse>((resolve, reject) => {
      let settled = false;
      const fail = (error: Error) => {
        if (settled) return;
        settled = true;
        req.destroy();
        reject(error);
      };
      const req = transport.request(requestOptions, (res: IncomingMessage) => {
        const headersOf = () => {
          const out: Record<string, string | string[]> = {};
          for (const [k, v] of Object.entries(res.headers)) if (v !== undefined) out[k] = v;
          return out;
        };
        const declared = Number(res.headers['content-length']);
        if (!init.truncate && Number.isFinite(declared) && declared > maxBytes) {
          fail(new OutboundTooLargeError(host, maxBytes));
          return;
        }
        const chunks: Buffer[] = [];
        let received = 0;
        res.on('data', (chunk: Buffer) => {
          if (settled) return;
          received += chunk.length;
          if (received <= maxBytes) {
            chunks.push(chunk);
            return;
          }
          if (!init.truncate) return fail(new OutboundTooLargeError(host, maxBytes));
          // Keep the first maxBytes and hang up: the status is what counts, not a huge body.
          chunks.push(chunk.subarray(0, chunk.length - (received - maxBytes)));
          settled = true;
          req.destroy();
          resolve({
            status: res.statusCode ?? 0,
            headers: headersOf(),
            body: Buffer.concat(chunks),
            truncated: true,
          });
        });
        res.on('error', (e) => fail(new OutboundConnectionError(host, 'response interrupted', e)));
        res.on('aborted', () => fail(new OutboundConnectionError(host, 'response interrupted')));
        res.on('end', () => {
          if (settled) return;
          settled = true;
          resolve({ status: res.statusCode ?? 0, headers: headersOf(), body: Buffer.concat(chunks) });
        });
      });
      req.on('error', (e: NodeJS.ErrnoException) => {
        // The abort error is reported by the caller's deadline as a timeout.
        if (signal.aborted) fail(new OutboundTimeoutError(host, 0));
        else fail(new OutboundConnectionError(host, e.code ?? 'connection error', e));
      });
      req.end(body);
    });
  }

  return {
    async check(raw) {
      await resolveTarget(parseUrl(raw));
    },

    async request(raw, init = {}) {
      const url = parseUrl(raw);
      const timeoutMs = init.timeoutMs ?? options.timeoutMs;
      const maxBytes = init.maxBytes ?? options.maxBytes;
      const controller = new AbortController();
      const timer = setTimeout(() => controller.abort(), timeoutMs);
      const host = url.hostname;
      const timeout = () => new OutboundTimeoutError(host, timeoutMs);
      try {
        const target = await deadline(resolveTarget(url), controller.signal, timeout);
        return await deadline(send(target, init, controller.signal, maxBytes), controller.signal, timeout);
      } catch (e) {
        if (controller.signal.aborted && !(e instanceof OutboundTooLargeError)) throw timeout();
        if (e instanceof OutboundError) throw e;
        throw new OutboundConnectionError(host, 'unexpected error', e);
      } finally {
        clearTimeout(timer);
      }
    },
  };
}

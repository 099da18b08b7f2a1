import {
  OutboundBlockedError,
  type OutboundClient,
  OutboundConnectionError,
  OutboundInvalidUrlError,
  type OutboundResponse,
  OutboundTimeoutError,
  OutboundTooLargeError,
} from '../../../platform/outbound/index.js';

/** The auth of a connector with its secret opened (only inside a run or a connection test). */
export type ErpAuth =
  | { type: 'none' }
  | { type: 'api_key'; header: string; key: string }
  | { type: 'bearer'; token: string }
  | { type: 'basic'; username: string; password: string }
  | { type: 'oauth2'; tokenUrl: string; clientId: string; clientSecret: string; scope?: string };

export interface ErpTarget {
  connectorId: string;
  /** Cached ERP tokens are keyed on it: a credential change never reuses an old token. */
  credentialsVersion: number;
  baseUrl: string;
  timeoutMs: number;
  auth: ErpAuth;
}

export interface ErpRequest {
  method: string;
  /** Path and query below the base URL. */
  path: string;
  headers?: Record<string, string>;
  json?: unknown;
}

export interface ErpResponse extends OutboundResponse {
  latencyMs: number;
  url: string;
}

export type FailureKind =
  | 'auth'
  | 'timeout'
  | 'connection'
  | 'blocked'
  | 'too_large'
  | 'http'
  | 'invalid_url';

/**
 * A call that did not get a usable answer. `retryable` is the one decision the runs need; the
 * message is for a person (Spanish, as the page shows it) and never holds a secret or a URL query.
 */
export class ErpCallError extends Error {
  constructor(
    readonly kind: FailureKind,
    message: string,
    readonly retryable: boolean,
    readonly status: number | null = null,
    readonly retryAfterMs: number | null = null,
    readonly latencyMs = 0,
  ) {
    super(message);
    this.name = 'ErpCallError';
  }
}

/** Joins the base URL and a path without doubling or losing a slash; refuses to leave the host. */
export function erpUrl(baseUrl: string, path: string): string {
  const base = new URL(baseUrl);
  const joined = new URL(`${base.pathname.replace(/\/$/, '')}${path}`, base.origin);
  if (joined.origin !== base.origin)
    throw new ErpCallError('invalid_url', 'La ruta sale del servidor del conector.', false);
  return joined.toString();
}

/** The URL as logs may keep it: no query (it may carry a token), no credentials. */
export const loggableUrl = (url: string) => {
  const u = new URL(url);
  return `${u.origin}${u.pathname}`;
};

function retryAfterMs(res: OutboundResponse): number | null {
  const raw = res.headers['retry-after'];
  const v = Array.isArray(raw) ? raw[0] : raw;
  if (!v) return null;
  if (/^\d+$/.test(v.trim())) return Number(v.trim()) * 1000;
  const at = Date.parse(v);
  return Number.isNaN(at) ? null : Math.max(0, at - Date.now());
}

/** What a failed status means for a retry: 408, 425, 429 and 5xx may pass later; other 4xx will not. */
export const retryableStatus = (status: number) =>
  status === 408 || status === 425 || status === 429 || status >= 500;

function fromOutbound(err: unknown, host: string, latencyMs: number): ErpCallError {
  if (err instanceof ErpCallError) return err;
  if (err instanceof OutboundTimeoutError)
    return new ErpCallError('timeout', `${host} no respondió a tiempo.`, true, null, null, latencyMs);
  if (err instanceof OutboundBlockedError)
    return new ErpCallError(
      'blocked',
      `${host} apunta a una red privada o reservada; no se envían datos ahí.`,
      false,
    );
  if (err instanceof OutboundInvalidUrlError)
    return new ErpCallError('invalid_url', 'La URL del conector no es válida.', false);
  if (err instanceof OutboundTooLargeError)
    return new ErpCallError(
      'too_large',
      `La respuesta de ${host} es demasiado grande.`,
      false,
      null,
      null,
      latencyMs,
    );
  if (err instanceof OutboundConnectionError)
    return new ErpCallError('connection', `No se pudo conectar con ${host}.`, true, null, null, latencyMs);
  throw err;
}

interface CachedToken {
  token: string;
  expiresAt: number;
}

/**
 * Talks to one ERP for the connectors: authenticates (OAuth 2.0 tokens cached per connector and
 * credential version, fetched again once on a 401), paces calls to the connector's rate, and turns
 * every failure into an ErpCallError that says whether a retry may help. Every byte goes through
 * the SSRF-guarded outbound client.
 */
export function createErpClient(deps: { outbound: OutboundClient; maxBytes: number }) {
  const tokens = new Map<string, CachedToken>();
  const tokenKey = (t: ErpTarget) => `${t.connectorId}:${t.credentialsVersion}`;

  async function fetchToken(
    target: ErpTarget & { auth: Extract<ErpAuth, { type: 'oauth2' }> },
  ): Promise<string> {
    const { auth } = target;
    const host = new URL(auth.tokenUrl).host;
    const started = performance.now();
    let res: OutboundResponse;
    try {
      const form = new URLSearchParams({ grant_type: 'client_credentials' });
      if (auth.scope) form.set('scope', auth.scope);
      // client_secret_basic (RFC 6749 §2.3.1): id and secret form-encoded before base64.
      const basic = Buffer.from(
        `${encodeURIComponent(auth.clientId)}:${encodeURIComponent(auth.clientSecret)}`,
      ).toString('base64');
      res = await deps.outbound.request(auth.tokenUrl, {
        method: 'POST',
        headers: {
          authorization: `Basic ${basic}`,
          'content-type': 'application/x-www-form-urlencoded',
          accept: 'application/json',
        },
        body: form.toString(),
        timeoutMs: target.timeoutMs,
        maxBytes: 64 * 1024,
      });
    } catch (err) {
      throw fromOutbound(err, host, Math.round(performance.now() - started));
    }
    const latency = Math.round(performance.now() - started);
    if (res.status !== 200) {
      const retry = retryableStatus(res.status);
      throw new ErpCallError(
        retry ? 'http' : 'auth',
        retry
          ? `El servidor de tokens de ${host} respondió ${res.status}.`
          : `El servidor de tokens de ${host} rechazó las credenciales OAuth (${res.status}); revisa client_id y client_secret.`,
        retry,
        res.status,
        retryAfterMs(res),
        latency,
      );
    }
    let body: { access_token?: unknown; expires_in?: unknown };
    try {
      body = JSON.parse(res.body.toString('utf8'));
    } catch {
      body = {};
    }
    if (typeof body.access_token !== 'string' || !body.access_token)
      throw new ErpCallError(
        'auth',
        `El servidor de tokens de ${host} no devolvió un access_token.`,
        false,
        200,
      );
    const ttl = typeof body.expires_in === 'number' && body.expires_in > 0 ? body.expires_in : 3600;
    // Renew a little early: a token that expires in flight costs a 401 and a second call.
    tokens.set(tokenKey(target), {
      token: body.access_token,
      expiresAt: Date.now() + Math.max(1, ttl - Math.min(30, ttl / 10)) * 1000,
    });
    return body.access_token;
  }

  async function authHeaders(target: ErpTarget, fresh: boolean): Promise<Record<string, string>> {
    const { auth } = target;
    switch (auth.type) {
      case 'none':
        return {};
      case 'api_key':
        return { [auth.header]: auth.key };
      case 'bearer':
        return { authorization: `Bearer ${auth.token}` };
      case 'basic':
        return {
          authorization: `Basic ${Buffer.from(`${auth.username}:${auth.password}`).toString('base64')}`,
        };
      case 'oauth2': {
        const cached = tokens.get(tokenKey(target));
        const token =
          !fresh && cached && cached.expiresAt > Date.now()
            ? cached.token
            : await fetchToken(target as ErpTarget & { auth: typeof auth });
        return { authorization: `Bearer ${token}` };
      }
    }
  }

  /**
   * One call (plus one more with a new token when an OAuth token was refused). A non-2xx answer is
   * returned, not thrown: the caller decides (a 422 is a document problem, a 401 a connector one).
   */
  async function send(target: ErpTarget, req: ErpRequest): Promise<ErpResponse> {
    const url = erpUrl(target.baseUrl, req.path);
    const host = new URL(url).host;
    const body = req.json === undefined ? undefined : JSON.stringify(req.json);
    for (let fresh = false; ; fresh = true) {
      const started = performance.now();
      let res: OutboundResponse;
      try {
        res = await deps.outbound.request(url, {
          method: req.method,
          headers: {
            accept: 'application/json',
            ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
            ...req.headers,
            ...(await authHeaders(target, fresh)),
          },
          ...(body !== undefined ? { body } : {}),
          timeoutMs: target.timeoutMs,
          maxBytes: deps.maxBytes,
        });
      } catch (err) {
        throw fromOutbound(err, host, Math.round(performance.now() - started));
      }
      const latencyMs = Math.round(performance.now() - started);
      if (res.status === 401 && target.auth.type === 'oauth2' && !fresh) {
        tokens.delete(tokenKey(target));
        continue;
      }
      return { ...res, latencyMs, url };
    }
  }

  /** A non-2xx answer as the error a run records. */
  function failure(res: ErpResponse): ErpCallError {
    const host = new URL(res.url).host;
    if (res.status === 401 || res.status === 403)
      return new ErpCallError(
        'auth',
        `${host} respondió ${res.status}: revisa las credenciales del conector.`,
        false,
        res.status,
        null,
        res.latencyMs,
      );
    const retry = retryableStatus(res.status);
    return new ErpCallError(
      'http',
      res.status === 429 ? `${host} pidió esperar (429).` : `${host} respondió ${res.status}.`,
      retry,
      res.status,
      retryAfterMs(res),
      res.latencyMs,
    );
  }

  return {
    send,
    failure,
    /** Forget cached tokens of a connector (after its credentials change). */
    forget(connectorId: string) {
      for (const key of tokens.keys()) if (key.startsWith(`${connectorId}:`)) tokens.delete(key);
    },
    /** A wrapper for a call that does not need the raw answer: 2xx or ErpCallError. */
    async ok(target: ErpTarget, req: ErpRequest): Promise<ErpResponse> {
      const res = await send(target, req);
      if (res.status < 200 || res.status >= 300) throw failure(res);
      return res;
    },
    fromError: (err: unknown, host: string) => fromOutbound(err, host, 0),
  };
}

export type ErpClient = ReturnType<typeof createErpClient>;

/**
 * Spaces calls to at most `perSecond` starts a second (one run per connector at a time, so the
 * pace of one process is the connector's pace). null: no pacing.
 */
export function createPacer(perSecond: number | null) {
  let next = 0;
  return {
    async wait() {
      if (!perSecond) return;
      const now = Date.now();
      const at = Math.max(now, next);
      next = at + 1000 / perSecond;
      if (at > now) await new Promise((r) => setTimeout(r, at - now));
    },
  };
}

/**
 * Retries a call on the connector's schedule while the failure says a retry may help, waiting
 * what the ERP asked (Retry-After, capped) or the schedule's delay with jitter. `onAttempt`
 * sees every attempt (the export log records them).
 */
export async function withRetries<T>(
  delaysMs: number[],
  call: (attempt: number) => Promise<T>,
  opts: { maxWaitMs: number; onRetry?: (err: ErpCallError, attempt: number) => void | Promise<void> },
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await call(attempt);
    } catch (err) {
      if (!(err instanceof ErpCallError) || !err.retryable || attempt > delaysMs.length) throw err;
      await opts.onRetry?.(err, attempt);
      const base = delaysMs[attempt - 1]!;
      const wait = Math.min(opts.maxWaitMs, err.retryAfterMs ?? base * (0.8 + Math.random() * 0.4));
      await new Promise((r) => setTimeout(r, wait));
    }
  }
}

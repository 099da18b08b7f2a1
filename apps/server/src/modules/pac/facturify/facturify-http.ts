/**
 * Facturify over HTTP: `/api/v1/auth`, `/api/v1/token/refresh` and business calls, with every
 * answer read the way the contract allows (shared docs `pac-facturify.md` §1.3–1.7): `code` as a
 * number or a string, `expires_in` as a number or a numeric string, and a 2xx with
 * `success: false` as the failure it is. Secrets and tokens never enter an error message.
 */

export type FacturifyErrorKind =
  | 'credentials' // /auth refused the key and secret (401/403/422): a person must fix them
  | 'unauthorized' // a business call or a refresh refused the token (401/403)
  | 'validation' // 422 with field errors
  | 'rejected' // the PAC or the SAT refused the document (2xx with success: false, or 400)
  | 'not_found'
  | 'transient'; // network, timeout, 408, 425, 429, 5xx: another try may pass

export class FacturifyError extends Error {
  constructor(
    readonly kind: FacturifyErrorKind,
    message: string,
    readonly status: number | null,
    readonly code: string | null = null,
    readonly errors: { field: string; message: string; code: string | null }[] = [],
    readonly retryAfterMs: number | null = null,
  ) {
    super(message);
    this.name = 'FacturifyError';
  }
  get retryable() {
    return this.kind === 'transient';
  }
}

export interface FacturifyAnswer {
  status: number;
  headers: Headers;
  /** Parsed JSON, or null for an empty or non-JSON body. */
  json: Record<string, unknown> | null;
  bytes: Buffer;
}

export interface IssuedToken {
  token: string;
  expiresIn: number;
  /** Server time − local time, ms, from the answer's `Date` (0 when absent or within 2 s). */
  skewMs: number;
  receivedAt: number;
  message: string;
}

const codeOf = (v: unknown) => (v === null || v === undefined ? null : String(v));
const TRANSIENT = (status: number) => status === 408 || status === 425 || status === 429 || status >= 500;

function retryAfter(headers: Headers): number | null {
  const v = headers.get('retry-after');
  if (!v) return null;
  if (/^\d+$/.test(v.trim())) return Number(v) * 1000;
  const at = Date.parse(v);
  return Number.isNaN(at) ? null : Math.max(0, at - Date.now());
}

/** A non-2xx answer, or a 2xx that says it failed, as a typed error. */
export function failureOf(
  answer: FacturifyAnswer,
  context: 'auth' | 'refresh' | 'call',
): FacturifyError | null {
  const body = answer.json ?? {};
  const message =
    typeof body.message === 'string' && body.message ? body.message : `Facturify respondió ${answer.status}.`;
  const code = codeOf(body.code);
  const errors = Array.isArray(body.errors)
    ? (body.errors as Record<string, unknown>[]).map((e) => ({
        field: String(e.field ?? ''),
        message: String(e.message ?? ''),
        code: codeOf(e.code),
      }))
    : [];
  const ok = answer.status >= 200 && answer.status < 300;
  if (ok) return body.success === false ? new FacturifyError('rejected', message, answer.status, code) : null;
  if (TRANSIENT(answer.status))
    return new FacturifyError('transient', message, answer.status, code, errors, retryAfter(answer.headers));
  if (answer.status === 401 || answer.status === 403)
    return new FacturifyError(
      context === 'auth' ? 'credentials' : 'unauthorized',
      message,
      answer.status,
      code,
    );
  if (answer.status === 422)
    return new FacturifyError(
      context === 'auth' ? 'credentials' : 'validation',
      message,
      answer.status,
      code,
      errors,
    );
  if (answer.status === 404) return new FacturifyError('not_found', message, answer.status, code);
  return new FacturifyError('rejected', message, answer.status, code, errors);
}

export function createFacturifyHttp(opts: { baseUrl: string; timeoutMs: number; now?: () => number }) {
  const base = opts.baseUrl.replace(/\/$/, '');
  const now = opts.now ?? Date.now;

  async function send(
    method: string,
    path: string,
    init: { token?: string; json?: unknown } = {},
  ): Promise<FacturifyAnswer> {
    let res: Response;
    try {
      res = await fetch(`${base}${path}`, {
        method,
        headers: {
          accept: 'application/json',
          ...(init.json !== undefined ? { 'content-type': 'application/json' } : {}),
          ...(init.token ? { authorization: `Bearer ${init.token}` } : {}),
        },
        ...(init.json !== undefined ? { body: JSON.stringify(init.json) } : {}),
        signal: AbortSignal.timeout(opts.timeoutMs),
      });
    } catch (err) {
      const timedOut = err instanceof Error && (err.name === 'TimeoutError' || err.name === 'AbortError');
      throw new FacturifyError(
        'transient',
        timedOut ? 'Facturify no respondió a tiempo.' : 'No se pudo conectar con Facturify.',
        null,
      );
    }
    const bytes = Buffer.from(await res.arrayBuffer());
    let json: Record<string, unknown> | null = null;
    try {
      const parsed = bytes.length > 0 ? JSON.parse(bytes.toString('utf8')) : null;
      json =
        parsed && typeof parsed === 'object' && !Array.isArray(parsed)
          ? (parsed as Record<string, unknown>)
          : null;
    } catch {
      json = null;
    }
    return { status: res.status, headers: res.headers, json, bytes };
  }

  function issued(answer: FacturifyAnswer, context: 'auth' | 'refresh'): IssuedToken {
    const receivedAt = now();
    const failure = failureOf(answer, context);
    if (failure) throw failure;
    const jwt = (answer.json?.jwt ?? {}) as Record<string, unknown>;
    const token = typeof jwt.token === 'string' ? jwt.token : '';
    const raw = jwt.expires_in;
    const expiresIn = typeof raw === 'number' ? raw : typeof raw === 'string' ? Number(raw) : NaN;
    if (!token || !(expiresIn > 0))
      throw new FacturifyError('transient', 'Facturify respondió sin token.', answer.status);
    const date = Date.parse(answer.headers.get('date') ?? '');
    const skew = Number.isNaN(date) ? 0 : date - receivedAt;
    return {
      token,
      expiresIn,
      skewMs: Math.abs(skew) > 2000 ? skew : 0,
      receivedAt,
      message: typeof answer.json?.message === 'string' ? answer.json.message : '',
    };
  }

  return {
    baseUrl: base,
    send,
    async auth(apiKey: string, apiSecret: string): Promise<IssuedToken> {
      return issued(
        await send('POST', '/api/v1/auth', { json: { api_key: apiKey, api_secret: apiSecret } }),
        'auth',
      );
    },
    async refresh(token: string): Promise<IssuedToken> {
      return issued(await send('POST', '/api/v1/token/refresh', { token }), 'refresh');
    },
  };
}

export type FacturifyHttp = ReturnType<typeof createFacturifyHttp>;

import { ApiError, NetworkError, problemFromResponse } from './errors.js';
import type {
  ApiKey,
  AuditEvent,
  CreateApiKeyInput,
  CreatedApiKey,
  CreateUserInput,
  LoginInput,
  LoginResult,
  Me,
  Page,
  PageQuery,
  TenantUser,
} from './types.js';

export type * from './types.js';
export { ApiError, NetworkError };

export const CSRF_COOKIE = 'boveda_csrf';
export const CSRF_HEADER = 'x-csrf-token';

/** Reads one cookie value out of a `document.cookie`-style string. */
export function readCookie(cookies: string, name: string): string | null {
  for (const part of cookies.split(';')) {
    const eq = part.indexOf('=');
    if (eq === -1) continue;
    if (part.slice(0, eq).trim() === name) {
      const raw = part.slice(eq + 1).trim();
      try {
        return decodeURIComponent(raw);
      } catch {
        return raw;
      }
    }
  }
  return null;
}

export interface ApiClientOptions {
  /** Origin to prefix to `/api/...`; empty in the browser, where the SPA and API share an origin. */
  baseUrl?: string;
  fetch?: typeof fetch;
  /** Where the CSRF double-submit token comes from; in the browser, the `boveda_csrf` cookie. */
  readCsrfToken?: () => string | null;
  /** Called on any 401 except a failed sign-in, so the app can send the user to the sign-in page. */
  onUnauthenticated?: (error: ApiError) => void;
}

interface RequestOptions {
  body?: unknown;
  query?: Record<string, string | number | null | undefined>;
  /** A 401 here is an expected answer (wrong password), not a lost session. */
  expectUnauthenticated?: boolean;
}

function browserCsrfToken(): string | null {
  return typeof document === 'undefined' ? null : readCookie(document.cookie, CSRF_COOKIE);
}

export function createApiClient(options: ApiClientOptions = {}) {
  const baseUrl = options.baseUrl ?? '';
  const doFetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const readCsrf = options.readCsrfToken ?? browserCsrfToken;

  async function request<T>(method: string, path: string, opts: RequestOptions = {}): Promise<T> {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(opts.query ?? {})) {
      if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
    }
    const qs = params.toString();
    const headers: Record<string, string> = { accept: 'application/json' };
    if (opts.body !== undefined) headers['content-type'] = 'application/json';
    if (method !== 'GET' && method !== 'HEAD') {
      const token = readCsrf();
      if (token) headers[CSRF_HEADER] = token;
    }

    let res: Response;
    try {
      res = await doFetch(`${baseUrl}${path}${qs ? `?${qs}` : ''}`, {
        method,
        headers,
        credentials: 'same-origin',
        body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
      });
    } catch (err) {
      throw new NetworkError(err);
    }

    if (!res.ok) {
      const error = await problemFromResponse(res);
      if (error.status === 401 && !opts.expectUnauthenticated) options.onUnauthenticated?.(error);
      throw error;
    }
    if (res.status === 204) return undefined as T;
    return (await res.json()) as T;
  }

  return {
    login: (input: LoginInput) =>
      request<LoginResult>('POST', '/api/v1/auth/login', { body: input, expectUnauthenticated: true }),
    logout: () => request<void>('POST', '/api/v1/auth/logout'),
    me: () => request<Me>('GET', '/api/v1/me'),

    listApiKeys: (page: PageQuery = {}) =>
      request<Page<ApiKey>>('GET', '/api/v1/api-keys', { query: { limit: page.limit, cursor: page.cursor } }),
    createApiKey: (input: CreateApiKeyInput) =>
      request<CreatedApiKey>('POST', '/api/v1/api-keys', { body: input }),
    revokeApiKey: (id: string) => request<void>('DELETE', `/api/v1/api-keys/${encodeURIComponent(id)}`),

    listUsers: () => request<{ items: TenantUser[] }>('GET', '/api/v1/users'),
    createUser: (input: CreateUserInput) => request<TenantUser>('POST', '/api/v1/users', { body: input }),

    listAuditEvents: (page: PageQuery = {}) =>
      request<Page<AuditEvent>>('GET', '/api/v1/audit-events', {
        query: { limit: page.limit, cursor: page.cursor },
      }),
  };
}

export type ApiClient = ReturnType<typeof createApiClient>;

import type { IncomingMessage } from 'node:http';
import { RULE } from '../cfdi/validate.js';
import type { SimState } from '../context.js';
import { type Answer, FacturifyError, validationError } from '../http/answer.js';
import type { Claims } from '../jwt.js';
import { TokenError } from '../state/tokens.js';

/** The bearer token as tymon's parsers find it: `Authorization: Bearer …`, else a `token` query parameter. */
export function bearerOf(req: IncomingMessage, query: URLSearchParams): string | undefined {
  const header = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '')?.[1];
  return header ?? (query.get('token') || undefined);
}

/** A TokenError as Facturify's 401: `{"message", "code"}`. */
export function unauthorized(error: TokenError): FacturifyError {
  return new FacturifyError(401, { message: error.message, code: error.code });
}

/** Throws the 401 unless the request carries a usable token (every business call, doc §1.7). */
export function requireToken(state: SimState, req: IncomingMessage, query: URLSearchParams): Claims {
  try {
    return state.tokens.check(bearerOf(req, query));
  } catch (error) {
    if (error instanceof TokenError) throw unauthorized(error);
    throw error;
  }
}

function jwtBody(state: SimState, message: string, token: string, ttlSeconds: number) {
  const value = state.expiresInUnit === 'minutes' ? Math.floor(ttlSeconds / 60) : ttlSeconds;
  return {
    status: 200,
    body: { message, jwt: { token, expires_in: state.expiresInType === 'string' ? String(value) : value } },
  };
}

/** POST /api/v1/auth, JSON or form body `{api_key, api_secret}` (doc §1.3). */
export function auth(state: SimState, input: Record<string, unknown>): Answer {
  const missing = (['api_key', 'api_secret'] as const).filter(
    (k) => typeof input[k] !== 'string' || input[k] === '',
  );
  if (missing.length)
    throw validationError(
      missing.map((field) => ({
        field,
        message: `El campo ${field.replace('_', ' ')} es obligatorio.`,
        code: RULE.required,
      })),
    );
  const { apiKey, apiSecret } = state.credentials;
  if (input.api_key !== apiKey || input.api_secret !== apiSecret)
    throw new FacturifyError(401, { message: 'Las credenciales proporcionadas son incorrectas', code: null });
  const { token, ttlSeconds } = state.tokens.issue();
  return jwtBody(state, 'Token generado correctamente', token, ttlSeconds);
}

/** POST /api/v1/token/refresh with the current token as Bearer, no body (doc §1.4, §3.4). */
export function refresh(state: SimState, req: IncomingMessage, query: URLSearchParams): Answer {
  try {
    const { token, ttlSeconds } = state.tokens.refresh(bearerOf(req, query));
    return jwtBody(state, 'Token actualizado correctamente', token, ttlSeconds);
  } catch (error) {
    if (error instanceof TokenError) throw unauthorized(error);
    throw error;
  }
}

/** GET /api/v1/token/validate: 200 without `code` when valid, the 401 otherwise (doc §1.4). */
export function validate(state: SimState, req: IncomingMessage, query: URLSearchParams): Answer {
  const claims = requireToken(state, req, query);
  return {
    status: 200,
    body: { message: 'Token válido', data: { sub: claims.sub, iat: claims.iat, exp: claims.exp } },
  };
}

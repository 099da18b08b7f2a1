import { z } from 'zod';

/**
 * The PAC (Facturify): an organization's account and the token endpoints kept from the system we
 * replace, with its paths and answer shapes (`jwt.token`, `expires_in`, `has_token`, `ttl`).
 */
export const pacEnvironments = ['sandbox', 'production'] as const;
export const pacEnvironment = z.enum(pacEnvironments);

/** `PUT /api/v1/pac/account`: connect (or replace) the organization's Facturify account. */
export const pacAccountBody = z.object({
  environment: pacEnvironment,
  apiKey: z.string().trim().min(8).max(500),
  apiSecret: z.string().trim().min(8).max(500),
});

export const pacAccountView = z.object({
  provider: z.literal('facturify'),
  /** `organization`: its own account; `instance`: the server's FACTURIFY_* account; `none`. */
  source: z.enum(['organization', 'instance', 'none']),
  environment: pacEnvironment.nullable(),
  /** The API key's last 4 characters, to recognise it. */
  keyHint: z.string().nullable(),
  connectedAt: z.string().nullable(),
});

/** `POST …/auth/token` and `…/refresh`: `jwt.token` is masked unless the caller holds `pac:token`. */
export const facturifyTokenIssued = z.object({
  message: z.string(),
  jwt: z.object({ token: z.string(), expires_in: z.number().int() }),
});

/** `GET …/auth/token`: a valid token and its seconds left (masked unless `pac:token`). */
export const facturifyTokenValue = z.object({ token: z.string(), ttl: z.number().int() });

/** `GET …/auth/token/status`: the original three fields, and what an operator needs to act. */
export const facturifyTokenStatus = z.object({
  has_token: z.boolean(),
  ttl: z.number().int(),
  expires_in: z.number().nullable(),
  source: z.enum(['auth', 'refresh']).nullable(),
  expires_at: z.string().nullable(),
  refresh_at: z.string().nullable(),
  generation: z.number().int(),
  last_refresh_at: z.string().nullable(),
  last_error: z.string().nullable(),
  chain_age_seconds: z.number().int().nullable(),
  /** Facturify refused the credentials: no new /auth until then. */
  breaker_open_until: z.string().nullable(),
  environment: pacEnvironment.nullable(),
});

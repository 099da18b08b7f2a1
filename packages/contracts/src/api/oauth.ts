import { z } from 'zod';
import { pageOf, pageQuery } from '../primitives.js';
import { type Role, roleAtLeast, roleSchema } from '../roles.js';

/**
 * OAuth 2.0 scopes and the roles they stand for. A token carries scopes; the role it acts with is
 * the highest role among them, never above its client's role (client_credentials) or the person's
 * current role in the organization (authorization_code), re-checked on every request.
 */
export const oauthScopes = ['read', 'write', 'admin', 'owner'] as const;
export type OAuthScope = (typeof oauthScopes)[number];
export const scopeRole: Record<OAuthScope, Role> = {
  read: 'viewer',
  write: 'member',
  admin: 'admin',
  owner: 'owner',
};
export const roleScope: Record<Role, OAuthScope> = {
  viewer: 'read',
  member: 'write',
  admin: 'admin',
  owner: 'owner',
};
export const isOAuthScope = (s: string): s is OAuthScope => (oauthScopes as readonly string[]).includes(s);
/** The scopes a role may grant: its own and those below it. */
export const scopesUpTo = (role: Role): OAuthScope[] =>
  oauthScopes.filter((s) => roleAtLeast(role, scopeRole[s]));

/** Redirect URIs: absolute https URLs, or http only on loopback (RFC 8252 §7.3), no fragment. */
export const redirectUriSchema = z
  .string()
  .max(2000)
  .refine((value) => {
    try {
      const url = new URL(value);
      if (url.hash || url.username || url.password) return false;
      if (url.protocol === 'https:') return true;
      return url.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
    } catch {
      return false;
    }
  }, 'An absolute https:// URL (http:// only for 127.0.0.1, localhost or [::1]), without a fragment');

/** An OAuth client as listed: never its secret. */
export const oauthClientItem = z.object({
  id: z.string(),
  name: z.string(),
  clientId: z.string(),
  role: roleSchema,
  /** `confidential` authenticates with its secret; `public` (a SPA or a phone app) only with PKCE. */
  type: z.enum(['confidential', 'public']),
  grants: z.array(z.enum(['client_credentials', 'authorization_code', 'refresh_token'])),
  redirectUris: z.array(z.string()),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
  createdBy: z.object({ id: z.string(), email: z.string() }).nullable(),
});
/** `GET /api/v1/oauth-clients`: newest first. */
export const oauthClientListQuery = pageQuery();
export const oauthClientPage = pageOf(oauthClientItem);

/**
 * `POST /api/v1/oauth-clients`. A confidential client may use client_credentials; with redirect
 * URIs it may also use authorization_code (always with PKCE). A public client must have redirect
 * URIs and has no secret.
 */
export const createOAuthClientBody = z.object({
  name: z.string().trim().min(1).max(100),
  role: roleSchema,
  type: z.enum(['confidential', 'public']).default('confidential'),
  redirectUris: z.array(redirectUriSchema).max(10).default([]),
});
/** The create answer is the only place the secret ever appears (null for a public client). */
export const createdOAuthClient = oauthClientItem.extend({ clientSecret: z.string().nullable() });

/** `PATCH /api/v1/oauth-clients/{id}`: its name and redirect URIs. */
export const updateOAuthClientBody = z
  .object({
    name: z.string().trim().min(1).max(100).optional(),
    redirectUris: z.array(redirectUriSchema).max(10).optional(),
  })
  .refine((b) => b.name !== undefined || b.redirectUris !== undefined, 'Send name or redirectUris');

/**
 * `GET /api/v1/oauth/consent`: what the consent page shows for an authorization request, after
 * the server checked the client, the redirect URI and the scope.
 */
export const oauthConsentQuery = z.object({
  client_id: z.string().min(1).max(200),
  redirect_uri: z.string().min(1).max(2000),
  scope: z.string().max(200).optional(),
});
export const oauthConsentInfo = z.object({
  client: z.object({ name: z.string(), clientId: z.string() }),
  organization: z.object({ slug: z.string(), name: z.string() }),
  /** The scopes that will be granted (the request's, or the client's role's by default). */
  scopes: z.array(z.enum(oauthScopes)),
  /** The role the app will act with: the lower of the scopes' and the person's. */
  role: roleSchema,
});

/** `POST /oauth/authorize` from the consent page (JSON, with the session's CSRF token). */
export const oauthAuthorizeDecision = z.object({
  response_type: z.string().max(50),
  client_id: z.string().max(200),
  redirect_uri: z.string().max(2000),
  scope: z.string().max(200).optional(),
  state: z.string().max(1000).optional(),
  code_challenge: z.string().max(200).optional(),
  code_challenge_method: z.string().max(20).optional(),
  allowed: z.boolean(),
});
/** Where the browser goes next: the app's redirect URI with `code` (or `error`) and `state`. */
export const oauthAuthorizeResult = z.object({ redirectTo: z.string() });

export type OAuthClientItem = z.output<typeof oauthClientItem>;
export type OAuthClientPage = z.output<typeof oauthClientPage>;
export type CreateOAuthClientBody = z.input<typeof createOAuthClientBody>;
export type CreatedOAuthClient = z.output<typeof createdOAuthClient>;
export type UpdateOAuthClientBody = z.input<typeof updateOAuthClientBody>;
export type OAuthConsentQuery = z.input<typeof oauthConsentQuery>;
export type OAuthConsentInfo = z.output<typeof oauthConsentInfo>;
export type OAuthAuthorizeDecision = z.input<typeof oauthAuthorizeDecision>;
export type OAuthAuthorizeResult = z.output<typeof oauthAuthorizeResult>;

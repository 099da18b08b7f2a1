import { z } from 'zod';
import { pageOf, pageQuery } from '../primitives.js';
import { roleSchema } from '../roles.js';
import { organizationRef } from './people.js';

/** A person, as sign-in and `/me` name them. */
export const userRef = z.object({ id: z.string(), email: z.string(), name: z.string().nullable() });

/** `POST /api/v1/auth/login`. */
export const loginBody = z.object({
  email: z.email().max(320),
  password: z.string().min(1).max(1024),
  /** The organization's slug, only needed when the person belongs to several. */
  tenant: z.string().max(64).optional(),
});

/** `POST /api/v1/auth/switch`: the slug of another organization the person belongs to. */
export const switchOrganizationBody = z.object({ tenant: z.string().min(1).max(64) });

/** What sign-in and switching answer (the session itself travels in cookies). */
export const sessionResult = z.object({ user: userRef, tenant: organizationRef, role: roleSchema });

/**
 * `GET /api/v1/me`: a person (web session), an API key, or an OAuth application (alone with
 * client_credentials, or acting for `user` with authorization_code).
 */
export const meResult = z.object({
  user: userRef.nullable(),
  apiKey: z.object({ id: z.string(), name: z.string(), prefix: z.string() }).nullable(),
  oauthClient: z.object({ id: z.string(), name: z.string(), clientId: z.string() }).nullable(),
  tenant: organizationRef,
  role: roleSchema,
});

/**
 * Powers beyond a role, for internal services: `pac:token` reads the organization's raw PAC token
 * (`GET /api/v1/facturify/auth/token`); everyone else sees it masked.
 */
export const apiKeyPowerScopes = ['pac:token'] as const;

/**
 * Resource scopes *restrict* a key (a machine client such as a warehouse app): a key holding one
 * or more of them may only call routes that declare one of its scopes
 * (`guard(role, { scope: 'orders:write' })`), and nothing else, whatever its role allows. A key
 * without any keeps its role's reach. They never apply to people (sessions) or OAuth applications.
 */
export const apiKeyResourceScopes = ['clients:read', 'clients:write', 'orders:read', 'orders:write'] as const;
export type ApiKeyResourceScope = (typeof apiKeyResourceScopes)[number];
export const isApiKeyResourceScope = (scope: string): scope is ApiKeyResourceScope =>
  (apiKeyResourceScopes as readonly string[]).includes(scope);

/** Every scope a key can be given. */
export const apiKeyScopes = [...apiKeyPowerScopes, ...apiKeyResourceScopes] as const;
export const apiKeyScope = z.enum(apiKeyScopes);
export type ApiKeyScope = z.output<typeof apiKeyScope>;

/** An API key as listed: never the key itself, only its prefix. */
export const apiKeyItem = z.object({
  id: z.string(),
  name: z.string(),
  prefix: z.string(),
  role: roleSchema,
  scopes: z.array(z.string()),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
  createdBy: z.object({ id: z.string(), email: z.string() }).nullable(),
  /** When its current signing secret was made (created or rotated); null for a key without one. */
  signingSecretCreatedAt: z.string().nullable(),
});
/** `GET /api/v1/api-keys`: newest first. */
export const apiKeyListQuery = pageQuery();
export const apiKeyPage = pageOf(apiKeyItem);

/** `POST /api/v1/api-keys`. Nobody creates a key of a higher role than their own. */
export const createApiKeyBody = z.object({
  name: z.string().trim().min(1).max(100),
  role: roleSchema,
  /** Only admins and owners may give a key a scope; resource scopes restrict it (see above). */
  scopes: z.array(apiKeyScope).max(apiKeyScopes.length).default([]),
});
/**
 * The create answer is the only place the full key ever appears, with its signing secret
 * (`bsk_…`, for signed requests: docs/signed-requests.md).
 */
export const createdApiKey = apiKeyItem.extend({ key: z.string(), signingSecret: z.string() });
/** `POST /api/v1/api-keys/{id}/signing-secret`: a new signing secret, shown only here; the old one stops working. */
export const rotatedSigningSecret = z.object({
  id: z.string(),
  signingSecret: z.string(),
  signingSecretCreatedAt: z.string(),
});

export type UserRef = z.output<typeof userRef>;
export type LoginBody = z.input<typeof loginBody>;
export type SwitchOrganizationBody = z.input<typeof switchOrganizationBody>;
export type SessionResult = z.output<typeof sessionResult>;
export type MeResult = z.output<typeof meResult>;
export type ApiKeyItem = z.output<typeof apiKeyItem>;
export type ApiKeyListQuery = z.input<typeof apiKeyListQuery>;
export type ApiKeyPage = z.output<typeof apiKeyPage>;
export type CreateApiKeyBody = z.input<typeof createApiKeyBody>;
export type CreatedApiKey = z.output<typeof createdApiKey>;
export type RotatedSigningSecret = z.output<typeof rotatedSigningSecret>;

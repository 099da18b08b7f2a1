import { randomUUID } from 'node:crypto';
import {
  isOAuthScope,
  type OAuthScope,
  type Role,
  roleAtLeast,
  roleScope,
  scopeRole,
} from '@boveda/contracts';
import OAuth2Server from '@node-oauth/oauth2-server';
import type { OAuthClientRow, OAuthRepository } from './oauth.repository.js';
import {
  generateAccessToken,
  generateCode,
  generateRefreshToken,
  secretMatches,
  sha256,
} from './oauth.tokens.js';

/** The library's client: our row plus what it reads (`id`, `grants`, `redirectUris`). */
export interface ModelClient {
  id: string;
  grants: string[];
  redirectUris: string[];
  row: OAuthClientRow;
}
/**
 * The library's "user": whom a grant acts for. For client_credentials it is the client itself
 * (`userId` null); `role` is the ceiling (the person's role when known), `familyId` ties rotated
 * refresh tokens and the tokens of one authorization code together.
 */
export interface ModelUser {
  id: string;
  tenantId: string;
  userId: string | null;
  role?: Role;
  familyId?: string;
}

const lower = (a: Role, b: Role): Role => (roleAtLeast(a, b) ? b : a);

export const grantsOf = (row: OAuthClientRow): ModelClient['grants'] =>
  row.type === 'public'
    ? ['authorization_code', 'refresh_token']
    : row.redirectUris.length > 0
      ? ['client_credentials', 'authorization_code', 'refresh_token']
      : ['client_credentials'];

const toModelClient = (row: OAuthClientRow): ModelClient => ({
  id: row.id,
  grants: grantsOf(row),
  redirectUris: row.redirectUris,
  row,
});

/**
 * The scopes granted for a request: the requested ones, or the scope of the ceiling role when none
 * are asked for; `null` (→ invalid_scope) when one is unknown or above the ceiling.
 */
export function grantScopes(requested: string[] | undefined, ceiling: Role): OAuthScope[] | null {
  const asked = (requested ?? []).filter((s) => s.length > 0);
  if (asked.length === 0) return [roleScope[ceiling]];
  for (const s of asked) if (!isOAuthScope(s) || !roleAtLeast(ceiling, scopeRole[s])) return null;
  return [...new Set(asked as OAuthScope[])];
}

/** The role a token's scopes stand for (the highest among them). */
export function roleOfScopes(scopes: string[]): Role | null {
  let best: Role | null = null;
  for (const s of scopes) {
    if (!isOAuthScope(s)) continue;
    const r = scopeRole[s];
    if (!best || roleAtLeast(r, best)) best = r;
  }
  return best;
}

/**
 * The model `@node-oauth/oauth2-server` runs the grants with, backed by our tables: secrets,
 * codes and tokens only as SHA-256; PKCE (S256) required for every authorization code; a refresh
 * token used twice revokes its family; a code used twice revokes the tokens it gave.
 */
export function createOAuthModel(deps: {
  repo: OAuthRepository;
  membershipRole: (tenantId: string, userId: string) => Promise<Role | null>;
  now: () => Date;
}) {
  const { repo, now } = deps;

  const liveClient = async (id: string) => {
    const row = await repo.findClientById(id);
    return row && !row.revokedAt ? row : null;
  };

  return {
    /**
     * `clientSecret` null: the authorize endpoint looking the client up (no authentication there);
     * undefined: a PKCE exchange or refresh without a secret, allowed only for public clients.
     */
    async getClient(clientId: string, clientSecret: string | null | undefined) {
      const row = await repo.findClientByClientId(clientId);
      if (!row || row.revokedAt) return false;
      if (clientSecret === null) return toModelClient(row);
      if (clientSecret === undefined) return row.type === 'public' ? toModelClient(row) : false;
      if (row.type !== 'confidential' || !row.secretHash) return false;
      return secretMatches(clientSecret, row.secretHash) ? toModelClient(row) : false;
    },

    async getUserFromClient(client: ModelClient): Promise<ModelUser> {
      return { id: `client:${client.id}`, tenantId: client.row.tenantId, userId: null };
    },

    async validateScope(user: ModelUser, client: ModelClient, scope: string[] | undefined) {
      const ceiling = user.role ? lower(user.role, client.row.role) : client.row.role;
      return grantScopes(scope, ceiling) ?? false;
    },

    generateAccessToken: async () => generateAccessToken(),
    generateRefreshToken: async () => generateRefreshToken(),
    generateAuthorizationCode: async () => generateCode(),

    async saveToken(
      token: {
        accessToken: string;
        accessTokenExpiresAt: Date;
        refreshToken?: string;
        refreshTokenExpiresAt?: Date;
        scope?: string[];
      },
      client: ModelClient,
      user: ModelUser,
    ) {
      const scopes = token.scope ?? [roleScope[client.row.role]];
      await repo.insertToken({
        tenantId: client.row.tenantId,
        clientId: client.id,
        userId: user.userId,
        scopes,
        accessTokenHash: sha256(token.accessToken),
        accessTokenExpiresAt: token.accessTokenExpiresAt,
        refreshTokenHash: token.refreshToken ? sha256(token.refreshToken) : null,
        refreshTokenExpiresAt: token.refreshToken ? (token.refreshTokenExpiresAt ?? null) : null,
        familyId: user.familyId ?? randomUUID(),
      });
      await repo.touchClient(client.id, now());
      return { ...token, scope: scopes, client, user };
    },

    async saveAuthorizationCode(
      code: {
        authorizationCode: string;
        expiresAt: Date;
        redirectUri: string;
        scope?: string[];
        codeChallenge?: string;
        codeChallengeMethod?: string;
      },
      client: ModelClient,
      user: ModelUser,
    ) {
      if (!code.codeChallenge || code.codeChallengeMethod !== 'S256') {
        throw new OAuth2Server.InvalidRequestError(
          'Invalid request: PKCE is required (`code_challenge` with `code_challenge_method=S256`)',
        );
      }
      if (!user.userId) throw new OAuth2Server.AccessDeniedError('Access denied: no signed-in person');
      await repo.insertCode({
        codeHash: sha256(code.authorizationCode),
        tenantId: client.row.tenantId,
        clientId: client.id,
        userId: user.userId,
        scopes: code.scope ?? [roleScope[client.row.role]],
        redirectUri: code.redirectUri,
        codeChallenge: code.codeChallenge,
        codeChallengeMethod: code.codeChallengeMethod,
        expiresAt: code.expiresAt,
      });
      return { ...code, client, user };
    },

    async getAuthorizationCode(code: string) {
      const row = await repo.findCode(sha256(code));
      if (!row) return false;
      if (row.usedAt) {
        // RFC 6749 §4.1.2: a code used twice revokes the tokens issued from it.
        await repo.revokeFamily(row.id, now());
        return false;
      }
      const client = await liveClient(row.clientId);
      if (!client) return false;
      return {
        authorizationCode: code,
        expiresAt: row.expiresAt,
        redirectUri: row.redirectUri,
        scope: row.scopes,
        codeChallenge: row.codeChallenge,
        codeChallengeMethod: row.codeChallengeMethod,
        client: toModelClient(client),
        user: {
          id: row.userId,
          tenantId: row.tenantId,
          userId: row.userId,
          familyId: row.id,
        } satisfies ModelUser,
        rowId: row.id,
      };
    },

    async revokeAuthorizationCode(code: { rowId: string }) {
      return repo.useCode(code.rowId, now());
    },

    async getRefreshToken(refreshToken: string) {
      const row = await repo.findByRefreshHash(sha256(refreshToken));
      if (!row || row.revokedAt) return false;
      if (row.rotatedAt) {
        // A refresh token presented again after rotation: stolen or replayed; end the whole chain.
        await repo.revokeFamily(row.familyId, now());
        return false;
      }
      const client = await liveClient(row.clientId);
      if (!client) return false;
      if (row.userId && !(await deps.membershipRole(row.tenantId, row.userId))) return false;
      return {
        refreshToken,
        refreshTokenExpiresAt: row.refreshTokenExpiresAt ?? undefined,
        scope: row.scopes,
        client: toModelClient(client),
        user: {
          id: row.userId ?? `client:${row.clientId}`,
          tenantId: row.tenantId,
          userId: row.userId,
          familyId: row.familyId,
        } satisfies ModelUser,
        rowId: row.id,
      };
    },

    async revokeToken(token: { rowId: string }) {
      return repo.markRotated(token.rowId, now());
    },

    /** Not used: bearer tokens are resolved by the guard (oauth.service.ts), not by the library. */
    async getAccessToken() {
      return false;
    },
  };
}

export type OAuthModel = ReturnType<typeof createOAuthModel>;

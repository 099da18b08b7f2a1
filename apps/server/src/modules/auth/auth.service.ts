import { randomUUID } from 'node:crypto';
import { mayActOnRole, type Role } from '@boveda/contracts';
import type { SecretBox } from '../../platform/crypto/index.js';
import { appError } from '../../platform/errors/app-error.js';
import { decodeTimeIdCursor, encodeTimeIdCursor } from '../../platform/http/cursors.js';
import type { RequestIdentity } from '../../platform/http/identity.js';
import type { Actor, AuditRecorder } from '../audit/index.js';
import type { TenantsService } from '../tenants/index.js';
import { verifyAgainstDummy, verifyPassword } from '../tenants/index.js';
import { authErrors } from './auth.errors.js';
import type { AuthRepository } from './auth.repository.js';
import type { SigningKey } from './request-signature.js';
import {
  csrfTokenFor,
  generateApiKey,
  generateSessionToken,
  generateSigningSecret,
  looksLikeApiKey,
  sha256,
} from './tokens.js';

// last_used_at / last_seen_at are written at most this often per key, not on every request.
const TOUCH_EVERY_MS = 60_000;

type ApiKeyRow = NonNullable<Awaited<ReturnType<AuthRepository['getApiKey']>>>;

export function createAuthService(deps: {
  repo: AuthRepository;
  tenants: TenantsService;
  audit: AuditRecorder;
  secretBox: SecretBox;
  sessionTtlHours: number;
  now?: () => Date;
}) {
  const { repo, tenants, audit, secretBox } = deps;
  const signingSecretCell = (id: string) => ({ table: 'api_keys', column: 'signing_secret', id });
  const now = deps.now ?? (() => new Date());

  const withCreators = async (rows: ApiKeyRow[]) => {
    const creatorIds = [...new Set(rows.map((r) => r.createdByUserId).filter((id): id is string => !!id))];
    const creators = new Map((await tenants.findUsersByIds(creatorIds)).map((u) => [u.id, u]));
    // The sealed signing secret stays in the service: routes get the key's fields without it.
    return rows.map(({ signingSecret: _sealed, ...key }) => ({
      ...key,
      createdBy: key.createdByUserId ? (creators.get(key.createdByUserId) ?? null) : null,
    }));
  };

  async function openSession(
    user: { id: string; email: string; name: string | null },
    membership: { tenant: { id: string; slug: string; name: string }; role: Role },
    client: { ip: string; userAgent?: string },
    action: 'auth.login.succeeded' | 'auth.organization.switched' = 'auth.login.succeeded',
  ) {
    const { token, hash } = generateSessionToken();
    const at = now();
    const session = await repo.insertSession({
      tokenHash: hash,
      userId: user.id,
      tenantId: membership.tenant.id,
      ip: client.ip,
      userAgent: client.userAgent?.slice(0, 512) ?? null,
      expiresAt: new Date(at.getTime() + deps.sessionTtlHours * 3600_000),
    });
    await audit.record({
      tenantId: membership.tenant.id,
      actor: { type: 'user', id: user.id, label: user.email, ...client },
      action,
      target: { type: 'session', id: session.id },
    });
    return {
      token,
      csrfToken: csrfTokenFor(token),
      expiresAt: session.expiresAt,
      user: { id: user.id, email: user.email, name: user.name },
      tenant: { id: membership.tenant.id, slug: membership.tenant.slug, name: membership.tenant.name },
      role: membership.role,
    };
  }

  /**
   * An API key's identity and what checking its request signature needs (the sealed secret).
   * `markUsed()` records the use once the request is accepted (a refused signature is no use).
   */
  async function apiKeyCaller(
    key: string,
  ): Promise<{ identity: RequestIdentity; signing: SigningKey; markUsed(): Promise<void> } | null> {
    if (!looksLikeApiKey(key)) return null;
    const row = await repo.findApiKeyByHash(sha256(key));
    if (!row || row.revokedAt) return null;
    const markUsed = async () => {
      const at = now();
      if (!row.lastUsedAt || at.getTime() - row.lastUsedAt.getTime() > TOUCH_EVERY_MS)
        await repo.touchApiKey(row.id, at);
    };
    const label = `${row.name} (${row.prefix}…)`;
    return {
      identity: {
        tenantId: row.tenantId,
        role: row.role,
        actor: { type: 'api_key', id: row.id, label },
        userId: null,
        apiKeyId: row.id,
        sessionId: null,
        scopes: row.scopes,
      },
      signing: {
        id: row.id,
        tenantId: row.tenantId,
        label,
        signingSecret: row.signingSecret,
        signingSecretVersion: row.signingSecretVersion,
      },
      markUsed,
    };
  }

  return {
    async login(
      input: { email: string; password: string; tenantSlug?: string },
      client: { ip: string; userAgent?: string },
    ) {
      const email = input.email.trim().toLowerCase();
      const user = await tenants.findUserByEmail(email);
      const ok =
        user && !user.disabledAt
          ? await verifyPassword(input.password, user.passwordHash)
          : await verifyAgainstDummy(input.password);
      // The first sign-in with the password an inviter set accepts the invitation that created the account.
      if (ok && user)
        await tenants.acceptAccountInvitations(user.id, {
          type: 'user',
          id: user.id,
          label: email,
          ...client,
        });
      const memberships = user ? await tenants.membershipsOfUser(user.id) : [];
      const membership = input.tenantSlug
        ? memberships.find((m) => m.tenant.slug === input.tenantSlug)
        : memberships[0];
      if (!ok || !user || !membership) {
        // Failed logins are recorded under the tenant when the account is known, so its admins see them.
        await audit.record({
          tenantId: memberships[0]?.tenant.id ?? null,
          actor: { type: 'user', id: user?.id, label: email, ...client },
          action: 'auth.login.failed',
          metadata: { email },
        });
        if (ok && memberships.length > 0) throw authErrors('NOT_A_MEMBER');
        throw appError('INVALID_CREDENTIALS');
      }
      return openSession(user, membership, client);
    },

    /**
     * A signed-in person moves to another of their organizations: a new session for it (new token
     * and CSRF token), the old one revoked. 403 NOT_A_MEMBER when they do not belong to it.
     */
    async switchOrganization(
      identity: RequestIdentity,
      tenantSlug: string,
      client: { ip: string; userAgent?: string },
    ) {
      if (!identity.userId || !identity.sessionId) {
        throw appError('FORBIDDEN', 'Only a signed-in person can switch organizations.');
      }
      const user = await tenants.findUserById(identity.userId);
      const membership = (await tenants.membershipsOfUser(identity.userId)).find(
        (m) => m.tenant.slug === tenantSlug,
      );
      if (!user || !membership) throw authErrors('NOT_A_MEMBER');
      await repo.revokeSession(identity.sessionId);
      return openSession(user, membership, client, 'auth.organization.switched');
    },

    async logout(identity: RequestIdentity, actor: Actor) {
      if (!identity.sessionId) return;
      await repo.revokeSession(identity.sessionId);
      await audit.record({
        tenantId: identity.tenantId,
        actor,
        action: 'auth.logout',
        target: { type: 'session', id: identity.sessionId },
      });
    },

    /** Resolves a session cookie to an identity; the membership is re-read so a removed user loses access at once. */
    async identityFromSession(token: string): Promise<RequestIdentity | null> {
      const at = now();
      const session = await repo.findLiveSession(sha256(token), at);
      if (!session) return null;
      const [user, membership] = await Promise.all([
        tenants.findUserById(session.userId),
        tenants.membership(session.tenantId, session.userId),
      ]);
      if (!user || user.disabledAt || !membership) return null;
      if (at.getTime() - session.lastSeenAt.getTime() > TOUCH_EVERY_MS)
        await repo.touchSession(session.id, at);
      return {
        tenantId: session.tenantId,
        role: membership.role,
        actor: { type: 'user', id: user.id, label: user.email },
        userId: user.id,
        apiKeyId: null,
        sessionId: session.id,
      };
    },

    async identityFromApiKey(key: string): Promise<RequestIdentity | null> {
      const caller = await apiKeyCaller(key);
      await caller?.markUsed();
      return caller?.identity ?? null;
    },

    apiKeyCaller,

    csrfTokenFor,

    async createApiKey(
      tenantId: string,
      input: { name: string; role: Role; scopes?: readonly string[] },
      creator: { role: Role; userId: string | null },
      actor: Actor,
    ) {
      if (!mayActOnRole(creator.role, input.role)) {
        throw appError('ROLE_ABOVE_OWN', `You cannot create an API key with the ${input.role} role.`);
      }
      const scopes = [...new Set(input.scopes ?? [])];
      if (scopes.length > 0 && creator.role !== 'owner' && creator.role !== 'admin')
        throw appError('ROLE_ABOVE_OWN', 'Only admins and owners can give an API key a scope.');
      const { key, prefix, hash } = generateApiKey();
      // The id is made here so the sealed secret's associated data can name its row.
      const id = randomUUID();
      const signingSecret = generateSigningSecret();
      const at = now();
      const row = await repo.insertApiKey({
        id,
        signingSecret: await secretBox.sealColumn(tenantId, signingSecretCell(id), signingSecret),
        signingSecretVersion: 1,
        signingSecretCreatedAt: at,
        tenantId,
        name: input.name.trim(),
        prefix,
        keyHash: hash,
        role: input.role,
        scopes,
        createdByUserId: creator.userId,
      });
      await audit.record({
        tenantId,
        actor,
        action: 'api_key.created',
        target: { type: 'api_key', id: row.id },
        metadata: { name: row.name, role: row.role, prefix, scopes },
      });
      const [withCreator] = await withCreators([row]);
      return { ...withCreator!, key, signingSecret };
    },

    /**
     * A new signing secret for a live key (shown once, in the answer); the old one stops working on
     * the next request in every process. Same role rule as revoking.
     */
    async rotateSigningSecret(tenantId: string, id: string, actorRole: Role, actor: Actor) {
      const row = await repo.getApiKey(tenantId, id);
      if (!row || row.revokedAt) throw appError('NOT_FOUND', 'No such active API key.');
      if (!mayActOnRole(actorRole, row.role)) {
        throw appError(
          'ROLE_ABOVE_OWN',
          `Only an ${row.role} can change the signing secret of an API key with the ${row.role} role.`,
        );
      }
      const signingSecret = generateSigningSecret();
      const sealed = await secretBox.sealColumn(tenantId, signingSecretCell(id), signingSecret);
      const updated = await repo.replaceSigningSecret(tenantId, id, sealed!, now());
      if (!updated) throw appError('NOT_FOUND', 'No such active API key.');
      await audit.record({
        tenantId,
        actor,
        action: 'api_key.signing_secret.rotated',
        target: { type: 'api_key', id },
        metadata: { version: updated.signingSecretVersion },
      });
      return { id, signingSecret, signingSecretCreatedAt: updated.signingSecretCreatedAt! };
    },

    async listApiKeys(tenantId: string, limit: number, cursor?: string) {
      const after = cursor ? decodeTimeIdCursor(cursor) : undefined;
      const rows = await repo.listApiKeys(tenantId, limit + 1, after);
      const page = rows.slice(0, limit);
      const last = page.at(-1);
      return {
        items: await withCreators(page),
        nextCursor: rows.length > limit && last ? encodeTimeIdCursor(last.createdAt, last.id) : null,
      };
    },

    async getApiKey(tenantId: string, id: string) {
      const row = await repo.getApiKey(tenantId, id);
      if (!row) throw appError('NOT_FOUND', 'No such API key.');
      const [withCreator] = await withCreators([row]);
      return withCreator!;
    },

    async revokeApiKey(tenantId: string, id: string, actorRole: Role, actor: Actor) {
      const row = await repo.getApiKey(tenantId, id);
      if (!row) throw appError('NOT_FOUND', 'No such API key.');
      if (!mayActOnRole(actorRole, row.role)) {
        throw appError(
          'ROLE_ABOVE_OWN',
          `Only an ${row.role} can revoke an API key with the ${row.role} role.`,
        );
      }
      if (await repo.revokeApiKey(tenantId, id, now())) {
        await audit.record({ tenantId, actor, action: 'api_key.revoked', target: { type: 'api_key', id } });
      }
    },
  };
}

export type AuthService = ReturnType<typeof createAuthService>;

import type { facturifyTokenStatus, pacAccountView } from '@boveda/contracts';
import type { z } from 'zod';
import type { Reader, SecretBox } from '../../platform/crypto/index.js';
import type { Db } from '../../platform/db/client.js';
import { appError } from '../../platform/errors/app-error.js';
import type { Actor, AuditRecorder } from '../audit/index.js';
import {
  type FacturifyAccounts,
  type FacturifyCredentials,
  keyHashOf,
} from './facturify/facturify-accounts.js';
import { FacturifyError } from './facturify/facturify-http.js';
import { FacturifyCredentialsError } from './facturify/token-manager.js';
import type { PacEnvironment } from './pac.schema.js';
import { createPacAccountsRepository } from './pac-accounts.repository.js';

const cell = (tenantId: string, column: 'api_key' | 'api_secret') => ({
  table: 'pac_accounts',
  column,
  id: tenantId,
});
const iso = (ms: number | null | undefined) => (ms ? new Date(ms).toISOString() : null);

/** What a caller outside the `pac:token` scope sees of a bearer token. */
export const maskToken = (token: string) => `••••${token.slice(-4)}`;

/** A PAC failure as the API's catalogue says it. */
export function pacFailure(err: unknown): never {
  if (err instanceof FacturifyCredentialsError) throw appError('PAC_CREDENTIALS_REJECTED', err.message);
  if (err instanceof FacturifyError) throw appError('PAC_UNAVAILABLE', err.message);
  throw err;
}

/**
 * The organization's PAC account (its own, else the instance's), and the token endpoints kept
 * from the system we replace.
 */
export function createPacService(deps: {
  db: Db;
  secretBox: SecretBox;
  audit: AuditRecorder;
  accounts: FacturifyAccounts;
  urls: Record<PacEnvironment, string>;
  instance: { baseUrl: string; apiKey: string | undefined; apiSecret: string | undefined };
}) {
  const repo = createPacAccountsRepository(deps.db);

  async function credentials(tenantId: string, reader: Reader): Promise<FacturifyCredentials> {
    const row = await repo.get(tenantId);
    if (row) {
      const [apiKey, apiSecret] = await Promise.all([
        deps.secretBox.openColumn<string>(tenantId, cell(tenantId, 'api_key'), row.apiKey, reader),
        deps.secretBox.openColumn<string>(tenantId, cell(tenantId, 'api_secret'), row.apiSecret, reader),
      ]);
      return {
        environment: row.environment,
        baseUrl: deps.urls[row.environment],
        apiKey: apiKey!,
        apiSecret: apiSecret!,
      };
    }
    if (deps.instance.apiKey && deps.instance.apiSecret)
      return {
        environment: 'instance',
        baseUrl: deps.instance.baseUrl,
        apiKey: deps.instance.apiKey,
        apiSecret: deps.instance.apiSecret,
      };
    throw appError('PAC_NOT_CONFIGURED');
  }

  const accountOf = async (tenantId: string, reader: Reader) =>
    deps.accounts.get(await credentials(tenantId, reader));

  return {
    accountOf,

    async account(tenantId: string): Promise<z.output<typeof pacAccountView>> {
      const row = await repo.get(tenantId);
      if (row)
        return {
          provider: 'facturify',
          source: 'organization',
          environment: row.environment,
          keyHint: row.keyHint,
          connectedAt: row.updatedAt.toISOString(),
        };
      const instance = !!(deps.instance.apiKey && deps.instance.apiSecret);
      return {
        provider: 'facturify',
        source: instance ? 'instance' : 'none',
        environment: null,
        keyHint: instance ? deps.instance.apiKey!.slice(-4) : null,
        connectedAt: null,
      };
    },

    async connect(
      tenantId: string,
      actor: Actor,
      body: { environment: PacEnvironment; apiKey: string; apiSecret: string },
    ) {
      await repo.upsert({
        tenantId,
        environment: body.environment,
        apiKey: (await deps.secretBox.sealColumn(tenantId, cell(tenantId, 'api_key'), body.apiKey))!,
        apiSecret: (await deps.secretBox.sealColumn(tenantId, cell(tenantId, 'api_secret'), body.apiSecret))!,
        keyHash: keyHashOf(body.apiKey),
        keyHint: body.apiKey.slice(-4),
      });
      await deps.audit.record({
        tenantId,
        actor,
        action: 'pac.account.connected',
        target: { type: 'pac_account', id: tenantId },
        metadata: { provider: 'facturify', environment: body.environment, keyHint: body.apiKey.slice(-4) },
      });
    },

    async disconnect(tenantId: string, actor: Actor) {
      if (await repo.delete(tenantId))
        await deps.audit.record({
          tenantId,
          actor,
          action: 'pac.account.disconnected',
          target: { type: 'pac_account', id: tenantId },
        });
    },

    /** `POST …/auth/token`: a new chain from /auth. */
    async issueToken(tenantId: string, reader: Reader) {
      const account = await accountOf(tenantId, reader);
      const record = await account.tokens.forceAuth().catch(pacFailure);
      return { record };
    },

    /** `POST …/auth/token/refresh`: refreshed, or a new chain when it cannot be. */
    async refreshToken(tenantId: string, reader: Reader) {
      const account = await accountOf(tenantId, reader);
      const record = await account.tokens.forceRefresh().catch(pacFailure);
      return { record };
    },

    /** `GET …/auth/token`: a valid token, refreshed if needed, and its seconds left. */
    async currentToken(tenantId: string, reader: Reader) {
      const account = await accountOf(tenantId, reader);
      const token = await account.tokens.getToken().catch(pacFailure);
      const { record, now } = await account.tokens.status();
      const expiresAt = record?.token === token ? record.expiresAt : now;
      return { token, ttl: Math.max(0, Math.floor((expiresAt - now) / 1000)) };
    },

    async status(tenantId: string, reader: Reader): Promise<z.output<typeof facturifyTokenStatus>> {
      const creds = await credentials(tenantId, reader);
      const { record, breaker, meta, now } = await deps.accounts.get(creds).tokens.status();
      const live = record && record.expiresAt > now ? record : undefined;
      return {
        has_token: !!live,
        ttl: live ? Math.floor((live.expiresAt - now) / 1000) : 0,
        expires_in: live?.expiresIn ?? null,
        source: live?.source ?? null,
        expires_at: iso(live?.expiresAt),
        refresh_at: iso(live?.refreshAt),
        generation: record?.version ?? 0,
        last_refresh_at: iso(meta.lastRefreshAt),
        last_error: meta.lastError,
        chain_age_seconds: live?.chainIat ? Math.floor((now - live.chainIat) / 1000) : null,
        breaker_open_until: iso(breaker?.until),
        environment: creds.environment === 'instance' ? null : creds.environment,
      };
    },
  };
}

export type PacService = ReturnType<typeof createPacService>;

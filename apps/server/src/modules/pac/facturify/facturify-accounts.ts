import { createHash } from 'node:crypto';
import type { Cache } from '../../../platform/cache/index.js';
import type { Logger } from '../../../platform/logging/index.js';
import type { PacEnvironment } from '../pac.schema.js';
import { createFacturifyClient, type FacturifyClient } from './facturify-client.js';
import { createFacturifyHttp } from './facturify-http.js';
import { createTokenManager, type TokenManager, type TokenManagerOptions } from './token-manager.js';

export interface FacturifyCredentials {
  environment: PacEnvironment | 'instance';
  baseUrl: string;
  apiKey: string;
  apiSecret: string;
}

export interface FacturifyAccount {
  /** The cache namespace of this account's token: environment, host and a hash of key and secret. */
  keyBase: string;
  tokens: TokenManager;
  client: FacturifyClient;
}

export const keyHashOf = (apiKey: string) => createHash('sha256').update(apiKey).digest('hex').slice(0, 32);

/**
 * The token cache is named by key **and** secret: an organization that knows a key but not its
 * secret must never be handed the token of another that does, and a corrected secret starts
 * clean (no breaker left by the wrong one).
 */
const credentialsHashOf = (apiKey: string, apiSecret: string) =>
  createHash('sha256').update(apiKey).update('\0').update(apiSecret).digest('hex').slice(0, 32);

/**
 * One token manager and client per (environment, account) in this process, however many
 * organizations share the account: its token is cached per environment and account (§1.2: a
 * sandbox token is useless in production).
 */
export function createFacturifyAccounts(deps: {
  cache: Cache;
  logger: Logger;
  timeoutMs: number;
  options: TokenManagerOptions;
  /** This process's clock (tests move it with the simulator's). */
  now?: () => number;
}) {
  const accounts = new Map<string, FacturifyAccount>();
  return {
    get(creds: FacturifyCredentials): FacturifyAccount {
      const host = new URL(creds.baseUrl).host;
      const keyBase = `pac:facturify:${creds.environment}:${host}:${credentialsHashOf(creds.apiKey, creds.apiSecret)}`;
      const known = accounts.get(keyBase);
      if (known) return known;
      const http = createFacturifyHttp({
        baseUrl: creds.baseUrl,
        timeoutMs: deps.timeoutMs,
        ...(deps.now ? { now: deps.now } : {}),
      });
      const tokens = createTokenManager({
        cache: deps.cache,
        http,
        credentials: { apiKey: creds.apiKey, apiSecret: creds.apiSecret },
        keyBase,
        logger: deps.logger,
        options: deps.options,
        ...(deps.now ? { now: deps.now } : {}),
      });
      const client = createFacturifyClient({
        http,
        tokens,
        retry: {
          attempts: deps.options.attempts,
          baseMs: deps.options.backoffBaseMs,
          factor: deps.options.backoffFactor,
          capMs: deps.options.backoffCapMs,
        },
      });
      const account = { keyBase, tokens, client };
      accounts.set(keyBase, account);
      return account;
    },
    close() {
      for (const a of accounts.values()) a.tokens.stop();
      accounts.clear();
    },
  };
}

export type FacturifyAccounts = ReturnType<typeof createFacturifyAccounts>;

import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import type { SecretBox } from '../../../platform/crypto/index.js';

export const DELIVERY_READER_JOB = 'webhooks.deliver';

/** What signing needs for one endpoint, decrypted: current secret first, then the one in overlap. */
export interface EndpointKeys {
  secrets: string[];
  headers: Record<string, string>;
}

interface Entry {
  key: string;
  secret: string;
  previous: string | null;
  previousUntil: number | null;
  headers: Record<string, string>;
  cachedAt: number;
}

const TTL_MS = 5 * 60_000;

/**
 * Decrypts an endpoint's secrets and custom headers once per process and version (each decryption
 * is audited, naming this delivery worker as the reader), instead of once per attempt: at hundreds
 * of deliveries a second the audit trail would otherwise record every one. An entry is keyed by the
 * endpoint's secret version and last update, so a rotation or an edit is seen at the next attempt.
 */
export function createEndpointSecrets(deps: { pool: pg.Pool; secretBox: SecretBox }) {
  const cache = new Map<string, Entry>();
  const reader = { type: 'job' as const, job: DELIVERY_READER_JOB, jobId: `worker-${randomUUID()}` };

  return {
    async keysOf(d: {
      tenant_id: string;
      endpoint_id: string;
      secret_version: number;
      updated_at: Date;
    }): Promise<EndpointKeys> {
      const key = `${d.secret_version}:${d.updated_at.getTime()}`;
      let entry = cache.get(d.endpoint_id);
      if (!entry || entry.key !== key || Date.now() - entry.cachedAt > TTL_MS) {
        const { rows } = await deps.pool.query<{
          secret: Buffer;
          previous_secret: Buffer | null;
          previous_secret_expires_at: Date | null;
          headers: Buffer | null;
        }>(
          'SELECT secret, previous_secret, previous_secret_expires_at, headers FROM webhook_endpoints WHERE id = $1',
          [d.endpoint_id],
        );
        const row = rows[0];
        if (!row) throw new Error('endpoint deleted');
        const open = <T extends string | Record<string, string>>(column: string, sealed: Buffer | null) =>
          deps.secretBox.openColumn<T>(
            d.tenant_id,
            { table: 'webhook_endpoints', column, id: d.endpoint_id },
            sealed,
            reader,
          );
        entry = {
          key,
          secret: (await open<string>('secret', row.secret))!,
          previous: await open<string>('previous_secret', row.previous_secret),
          previousUntil: row.previous_secret_expires_at?.getTime() ?? null,
          headers: (await open<Record<string, string>>('headers', row.headers)) ?? {},
          cachedAt: Date.now(),
        };
        cache.set(d.endpoint_id, entry);
      }
      const overlap = entry.previous && entry.previousUntil && entry.previousUntil > Date.now();
      return { secrets: overlap ? [entry.secret, entry.previous!] : [entry.secret], headers: entry.headers };
    },
  };
}

export type EndpointSecrets = ReturnType<typeof createEndpointSecrets>;

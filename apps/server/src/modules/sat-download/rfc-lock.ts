import { setTimeout as sleep } from 'node:timers/promises';
import type pg from 'pg';

/** Another process is already talking to the SAT for this taxpayer. */
export class RfcBusyError extends Error {
  readonly code = 'SAT_RFC_BUSY';
  constructor(readonly key: string) {
    super(`A SAT conversation for ${key} is already running`);
    this.name = 'RfcBusyError';
  }
}

/**
 * At most one SAT conversation per taxpayer across every process: a PostgreSQL session advisory
 * lock held on its own connection. If the process dies (even `kill -9`), the connection closes and
 * the lock is released by the server, so a crash never leaves a taxpayer stuck.
 */
export function createRfcLock(pool: pg.Pool) {
  return async function withRfcLock<T>(
    tenantId: string,
    rfc: string,
    opts: { waitMs: number },
    fn: () => Promise<T>,
  ): Promise<T> {
    const key = `sat:${tenantId}:${rfc}`;
    const client = await pool.connect();
    let locked = false;
    try {
      const deadline = Date.now() + opts.waitMs;
      for (;;) {
        const { rows } = await client.query<{ ok: boolean }>(
          'SELECT pg_try_advisory_lock(hashtextextended($1, 0)) AS ok',
          [key],
        );
        if (rows[0]?.ok) {
          locked = true;
          break;
        }
        if (Date.now() >= deadline) throw new RfcBusyError(key);
        await sleep(200);
      }
      return await fn();
    } finally {
      if (locked)
        await client.query('SELECT pg_advisory_unlock(hashtextextended($1, 0))', [key]).catch(() => {});
      client.release();
    }
  };
}

export type RfcLock = ReturnType<typeof createRfcLock>;

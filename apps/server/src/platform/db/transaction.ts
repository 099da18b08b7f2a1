import { drizzle } from 'drizzle-orm/node-postgres';
import type pg from 'pg';
import type { Db } from './client.js';

/**
 * One database transaction, handed to everything that must commit together: repositories (built
 * on `tx.db`), job enqueues (`jobs.enqueue(def, data, { tx })`) and domain events
 * (`events.publish(tx, …)`). Either all of it commits or none of it does.
 */
export interface Tx {
  /** Drizzle on this transaction's connection; repository factories take it like the pool's. */
  readonly db: Db;
  /** Raw SQL on the same connection (pg-boss joins the transaction through this). */
  query<R extends pg.QueryResultRow = pg.QueryResultRow>(
    text: string,
    values?: unknown[],
  ): Promise<pg.QueryResult<R>>;
  /**
   * Runs after COMMIT, never after a rollback: notifications that must not announce what did not
   * happen. A failing callback is reported, not thrown (the transaction is already committed).
   */
  afterCommit(fn: () => unknown): void;
}

export interface UnitOfWork {
  /** Runs `fn` in a new transaction: COMMIT when it resolves, ROLLBACK when it throws. */
  <T>(fn: (tx: Tx) => Promise<T>): Promise<T>;
  /** Joins `tx` when given (the caller owns the transaction), else opens one. */
  join<T>(tx: Tx | undefined, fn: (tx: Tx) => Promise<T>): Promise<T>;
}

export function createUnitOfWork(
  pool: pg.Pool,
  onAfterCommitError: (err: unknown) => void = () => {},
): UnitOfWork {
  const run = async <T>(fn: (tx: Tx) => Promise<T>): Promise<T> => {
    const client = await pool.connect();
    const callbacks: (() => unknown)[] = [];
    const tx: Tx = {
      db: drizzle(client) as unknown as Db,
      query: (text, values) => client.query(text, values as unknown[]),
      afterCommit: (cb) => void callbacks.push(cb),
    };
    let result: T;
    try {
      await client.query('BEGIN');
      result = await fn(tx);
      await client.query('COMMIT');
    } catch (err) {
      // A connection whose ROLLBACK failed may be broken: it is destroyed, not handed to the next caller.
      const broken = await client.query('ROLLBACK').then(
        () => false,
        () => true,
      );
      client.release(broken);
      throw err;
    }
    client.release();
    for (const cb of callbacks) {
      try {
        await cb();
      } catch (err) {
        onAfterCommitError(err);
      }
    }
    return result;
  };
  return Object.assign(run, {
    join: <T>(tx: Tx | undefined, fn: (tx: Tx) => Promise<T>) => (tx ? fn(tx) : run(fn)),
  });
}

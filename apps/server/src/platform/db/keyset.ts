import { and, eq, lt, or, type SQL } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';

/**
 * The keyset condition of lists ordered newest first by `(time, id)`: rows strictly after the
 * cursor's row in that order (older time, or the same time and a smaller id). Nothing without a
 * cursor. Pair it with `ORDER BY time DESC, id DESC` and `encodeTimeIdCursor`.
 */
export function olderThan(
  time: PgColumn,
  id: PgColumn,
  after: { createdAt: Date; id: string } | undefined,
): SQL | undefined {
  if (!after) return undefined;
  return or(lt(time, after.createdAt), and(eq(time, after.createdAt), lt(id, after.id)));
}

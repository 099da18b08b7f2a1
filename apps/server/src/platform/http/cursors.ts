import { decodeCursor, encodeCursor, isUuid } from '@boveda/contracts';
import { appError } from '../errors/app-error.js';

/**
 * Cursors (one format for every list: `encodeCursor` in @boveda/contracts) are opaque to clients,
 * but anyone can forge one. Each list decodes its cursor strictly
 * and answers `400 INVALID_CURSOR` before the value reaches SQL, where an impossible date or a
 * malformed uuid would fail as a 500, and where a lenient `Date` would have turned 2025-02-30
 * into March 2 and silently paged from the wrong place.
 */
export function invalidCursor(detail = 'The cursor is not one this API returned; start again without it.') {
  return appError('INVALID_CURSOR', detail);
}

export { isUuid };

const TIMESTAMP = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}:\d{2})(\.\d{1,6})?Z?$/;

/**
 * A real calendar moment, written as `toISOString()` does (`2025-01-31T23:59:59.123Z`) or as
 * PostgreSQL prints a timestamp (`2025-01-31 23:59:59.123456`). Checked by round trip, because
 * `Date` accepts 2025-02-30 and 24:00:00 by rolling them over; year 0000 is refused because
 * PostgreSQL has no year 0.
 */
export function isCalendarTimestamp(text: string): boolean {
  const match = TIMESTAMP.exec(text);
  if (!match || text.startsWith('0000')) return false;
  const wanted = `${match[1]}T${match[2]}`;
  const at = new Date(`${wanted}Z`);
  return !Number.isNaN(at.getTime()) && at.toISOString().startsWith(wanted);
}

/** The cursor of lists ordered newest first by `(created_at, id)`: the last row's pair. */
export function encodeTimeIdCursor(createdAt: Date, id: string): string {
  return encodeCursor([createdAt.toISOString(), id], 'created-desc');
}

export function decodeTimeIdCursor(cursor: string): { createdAt: Date; id: string } {
  const keys = decodeCursor(cursor, 'created-desc');
  const [at, id] = keys ?? [];
  if (keys?.length !== 2 || typeof at !== 'string' || !isUuid(id) || !isCalendarTimestamp(at))
    throw invalidCursor();
  const createdAt = new Date(at);
  // Exactly as toISOString wrote it (milliseconds, Z): the comparison in SQL is at that precision.
  if (createdAt.toISOString() !== at) throw invalidCursor();
  return { createdAt, id };
}

/** The cursor of lists ordered by a growing integer id, newest first (the audit trail). */
export function encodeIdCursor(id: number): string {
  return encodeCursor([id], 'id-desc');
}

export function decodeIdCursor(cursor: string): number {
  const keys = decodeCursor(cursor, 'id-desc');
  const id = keys?.[0];
  if (keys?.length !== 1 || typeof id !== 'number' || !Number.isSafeInteger(id) || id < 1)
    throw invalidCursor();
  return id;
}

/** The repository's `after` for a `(time, id)` cursor: nothing on the first page. */
export const afterTimeId = (cursor?: string) => (cursor ? { after: decodeTimeIdCursor(cursor) } : {});

/**
 * One page of rows ordered newest first by (time, id), fetched with `limit + 1` rows so the extra
 * one says whether a next page exists; answered with the next cursor.
 */
export function timeIdPage<R, T>(
  rows: R[],
  limit: number,
  keyOf: (r: R) => { at: Date; id: string },
  view: (r: R) => T,
) {
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    items: page.map(view),
    nextCursor: rows.length > limit && last ? encodeTimeIdCursor(keyOf(last).at, keyOf(last).id) : null,
  };
}

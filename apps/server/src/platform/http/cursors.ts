import { appError } from '../errors/app-error.js';

/**
 * Cursors are opaque to clients, but anyone can forge one. Each list decodes its cursor strictly
 * and answers `400 INVALID_CURSOR` before the value reaches SQL, where an impossible date or a
 * malformed uuid would fail as a 500, and where a lenient `Date` would have turned 2025-02-30
 * into March 2 and silently paged from the wrong place.
 */
export function invalidCursor(detail = 'The cursor is not one this API returned; start again without it.') {
  return appError('INVALID_CURSOR', detail);
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
export const isUuid = (value: unknown): value is string => typeof value === 'string' && UUID.test(value);

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
  return Buffer.from(`${createdAt.toISOString()}|${id}`).toString('base64url');
}

export function decodeTimeIdCursor(cursor: string): { createdAt: Date; id: string } {
  const [at = '', id, ...rest] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  if (rest.length > 0 || !isUuid(id) || !at.endsWith('Z') || !isCalendarTimestamp(at)) throw invalidCursor();
  const createdAt = new Date(at);
  // Only a cursor we could have written decodes: base64url decoding skips stray characters.
  if (encodeTimeIdCursor(createdAt, id) !== cursor) throw invalidCursor();
  return { createdAt, id };
}

/** The cursor of lists ordered by a growing integer id (the audit trail): a positive safe integer. */
export function decodeIntegerCursor(cursor: string): number {
  const id = Number(cursor);
  if (!/^[1-9]\d*$/.test(cursor) || !Number.isSafeInteger(id)) throw invalidCursor();
  return id;
}

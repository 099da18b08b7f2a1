import { decodeCursor as decodeListCursor, encodeCursor as encodeListCursor } from '@boveda/contracts';
import { invalidCursor, isCalendarTimestamp, isUuid } from '../../platform/http/cursors.js';
import type { Keyset, SortSpec } from './cfdi.search.sql.js';

const DATE_VALUE = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(\.\d{1,6})?$/;
const DECIMAL_VALUE = /^-?\d{1,24}(\.\d{1,6})?$/;

const isSortDate = (v: string) => DATE_VALUE.test(v) && isCalendarTimestamp(v);
const isSortAmount = (v: string) => DECIMAL_VALUE.test(v);

const sortName = (sort: SortSpec) => `${sort.field}.${sort.order}`;

/**
 * Opaque to clients: the sort it belongs to, the last row's sort value and uuid. Keyset, not
 * offset, so rows inserted while someone pages never shift or repeat what they see.
 */
export function encodeCursor(sort: SortSpec, keyset: Keyset): string {
  return encodeListCursor([keyset.value, keyset.uuid], sortName(sort));
}

export function decodeCursor(cursor: string, sort: SortSpec): Keyset {
  const keys = decodeListCursor(cursor, sortName(sort));
  if (!keys) {
    const other = ['date.asc', 'date.desc', 'total.asc', 'total.desc'].some((s) =>
      decodeListCursor(cursor, s),
    );
    throw invalidCursor(
      other ? 'The cursor belongs to another sort order; start again without it.' : undefined,
    );
  }
  if (keys.length !== 2) throw invalidCursor();
  const [value, uuid] = keys;
  if (!isUuid(uuid)) throw invalidCursor();
  // A date must also be one the calendar has: PostgreSQL would fail on 2025-02-30 as a 500.
  const valid = sort.field === 'date' ? isSortDate : isSortAmount;
  if (value !== null && (typeof value !== 'string' || !valid(value))) throw invalidCursor();
  return { value: value as string | null, uuid };
}

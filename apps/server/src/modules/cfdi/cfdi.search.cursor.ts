import { appError } from '../../platform/errors/app-error.js';
import type { Keyset, SortSpec } from './cfdi.search.sql.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const DATE_VALUE = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(\.\d{1,6})?$/;
const DECIMAL_VALUE = /^-?\d{1,24}(\.\d{1,6})?$/;

const sortName = (sort: SortSpec) => `${sort.field}.${sort.order}`;

/**
 * Opaque to clients: the sort it belongs to, the last row's sort value and uuid. Keyset, not
 * offset, so rows inserted while someone pages never shift or repeat what they see.
 */
export function encodeCursor(sort: SortSpec, keyset: Keyset): string {
  return Buffer.from(JSON.stringify([sortName(sort), keyset.value, keyset.uuid])).toString('base64url');
}

export function decodeCursor(cursor: string, sort: SortSpec): Keyset {
  const invalid = (why: string) => appError('INVALID_CURSOR', why);
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalid('The cursor is not one this API returned.');
  }
  if (!Array.isArray(parsed) || parsed.length !== 3)
    throw invalid('The cursor is not one this API returned.');
  const [name, value, uuid] = parsed as unknown[];
  if (name !== sortName(sort))
    throw invalid('The cursor belongs to another sort order; start again without it.');
  if (typeof uuid !== 'string' || !UUID.test(uuid)) throw invalid('The cursor is not one this API returned.');
  const pattern = sort.field === 'date' ? DATE_VALUE : DECIMAL_VALUE;
  if (value !== null && (typeof value !== 'string' || !pattern.test(value))) {
    throw invalid('The cursor is not one this API returned.');
  }
  return { value: value as string | null, uuid };
}

import type { SimState } from '../context.js';
import { type Answer, HttpError } from '../http/answer.js';
import type { ErpRecord, Resource } from '../seed/generate.js';
import type { RecordStore } from '../state/records.js';

export const DEFAULT_LIMIT = 50;
export const MAX_LIMIT = 1000;

export type PaginationStyle = 'page' | 'offset' | 'cursor';

function badParameter(name: string, message: string): HttpError {
  return new HttpError(400, 'invalid_parameter', `${name}: ${message}`, [{ field: name, message }]);
}

function integer(query: URLSearchParams, name: string, fallback: number, min: number): number {
  const raw = query.get(name);
  if (raw === null || raw === '') return fallback;
  if (!/^\d+$/.test(raw) || Number(raw) < min) throw badParameter(name, `must be an integer >= ${min}`);
  return Number(raw);
}

/** Sizes above the maximum are clamped (and echoed), like most ERPs do, rather than refused. */
function size(query: URLSearchParams, name: string): number {
  return Math.min(MAX_LIMIT, integer(query, name, DEFAULT_LIMIT, 1));
}

/**
 * `style` wins; otherwise a `cursor` parameter (even empty) means cursor, `offset` means offset, and
 * anything else is page style.
 */
export function styleOf(query: URLSearchParams): PaginationStyle {
  const style = query.get('style');
  if (style === 'page' || style === 'offset' || style === 'cursor') return style;
  if (style !== null) throw badParameter('style', 'must be page, offset or cursor');
  if (query.has('cursor')) return 'cursor';
  if (query.has('offset')) return 'offset';
  return 'page';
}

// The cursor is the (updated_at, id) of the last record served, opaque to the client. Keyset
// pagination: a record changed mid-walk moves behind the cursor and is served again, never skipped.
function encodeCursor(record: ErpRecord): string {
  return Buffer.from(JSON.stringify([record.updated_at, record.id])).toString('base64url');
}

function decodeCursor(cursor: string): [string, string] {
  try {
    const value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (Array.isArray(value) && value.length === 2 && value.every((v) => typeof v === 'string'))
      return value as [string, string];
  } catch {}
  throw badParameter('cursor', 'not a cursor this server issued');
}

function since(query: URLSearchParams): string | undefined {
  const raw = query.get('updated_since');
  if (raw === null || raw === '') return undefined;
  const ms = Date.parse(raw);
  if (Number.isNaN(ms)) throw badParameter('updated_since', 'must be an ISO 8601 date-time');
  return new Date(ms).toISOString();
}

function link(base: string, query: URLSearchParams, changes: Record<string, string>): string {
  const next = new URLSearchParams(query);
  for (const [name, value] of Object.entries(changes)) next.set(name, value);
  return `<${base}?${next}>; rel="next"`;
}

/** Page and offset pagination over any list (records, or what was pushed). */
export function pageOrOffset<T>(
  items: readonly T[],
  start: number,
  query: URLSearchParams,
  style: 'page' | 'offset',
  base: string,
): Answer {
  const total = items.length - start;
  if (style === 'offset') {
    const offset = integer(query, 'offset', 0, 0);
    const limit = size(query, 'limit');
    const data = items.slice(start + offset, start + offset + limit);
    const more = offset + limit < total;
    return {
      status: 200,
      headers: more
        ? { Link: link(base, query, { offset: String(offset + limit), limit: String(limit) }) }
        : {},
      body: { data, offset, limit, total },
    };
  }
  const page = integer(query, 'page', 1, 1);
  const perPage = size(query, 'per_page');
  const from = start + (page - 1) * perPage;
  const data = items.slice(from, from + perPage);
  const totalPages = Math.ceil(total / perPage);
  return {
    status: 200,
    headers:
      page < totalPages
        ? { Link: link(base, query, { page: String(page + 1), per_page: String(perPage) }) }
        : {},
    body: { data, page, per_page: perPage, total, total_pages: totalPages },
  };
}

function cursorPage(store: RecordStore, query: URLSearchParams, base: string): Answer {
  const limit = size(query, 'limit');
  const cursor = query.get('cursor');
  const after = since(query);
  const start = cursor ? store.firstAfter(...decodeCursor(cursor)) : after ? store.firstSince(after) : 0;
  const list = store.list();
  const data = list.slice(start, start + limit);
  const more = start + limit < list.length;
  const next = more && data.length > 0 ? encodeCursor(data[data.length - 1]!) : null;
  return {
    status: 200,
    headers: next ? { Link: link(base, query, { cursor: next, limit: String(limit) }) } : {},
    body: { data, next_cursor: next, has_more: more },
  };
}

/** GET /api/{customers,suppliers,purchase-orders}: records in (updated_at, id) order. */
export function listRecords(
  state: SimState,
  resource: Resource,
  query: URLSearchParams,
  base: string,
): Answer {
  const store = state.records[resource];
  const style = styleOf(query);
  if (style === 'cursor') return cursorPage(store, query, base);
  const after = since(query);
  return pageOrOffset(store.list(), after ? store.firstSince(after) : 0, query, style, base);
}

export function getRecord(state: SimState, resource: Resource, id: string): Answer {
  const record = state.records[resource].get(id);
  if (!record) throw new HttpError(404, 'not_found', `no ${resource} record with id ${id}`);
  return { status: 200, body: record };
}

import { RFC_PATTERN } from '@boveda/contracts';
import { type SQL, sql } from 'drizzle-orm';
import { foldSql } from './name-fold.js';

export type Direction = 'issued' | 'received';
export type SortField = 'date' | 'total';
export type SortOrder = 'asc' | 'desc';

/** Filters shared by CFDI and metadata searches. Dates are `YYYY-MM-DD` (inclusive days). */
export interface CommonFilters {
  /** The taxpayer: with `direction`, the emisor (issued) or the receptor (received); else either. */
  rfc?: string;
  direction?: Direction;
  from?: string;
  to?: string;
  /** The other party: an RFC (exact) or part of a name (case-insensitive). */
  counterpart?: string;
  minTotal?: string;
  maxTotal?: string;
  status?: string;
  /** One search box: a UUID, a serie-folio (CFDI only), an RFC or part of a name. See `parseQuery`. */
  q?: string;
}

export interface CfdiFilters extends CommonFilters {
  tipo?: string;
  complemento?: string;
  /** Selected rows (lower-case UUIDs, validated by the contract), within the other filters. */
  uuids?: string[];
}

export interface MetadataFilters extends CommonFilters {
  efecto?: string;
  /** Only rows whose CFDI is not in the vault and that are not cancelled (`missingXmlCondition`). */
  missingXml?: boolean;
  /** Selected rows (lower-case UUIDs), within the other filters. */
  uuids?: string[];
}

export interface SortSpec {
  field: SortField;
  order: SortOrder;
}

/** The position after the last row of a page: its sort value (text, null sorts last) and uuid. */
export interface Keyset {
  value: string | null;
  uuid: string;
}

export const looksLikeRfc = (text: string) => RFC_PATTERN.test(text.trim().toUpperCase());

/** `%` and `_` typed by a user are literal characters, not wildcards. */
export const containsPattern = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/**
 * Part of a name, without case or accents: the folded pattern against the stored folded column
 * (trigram-indexed), so "gomez" finds "GÓMEZ" without folding every row at query time.
 */
const nameContains = (side: 'emisor' | 'receptor', text: string) =>
  sql`${sql.raw(`${side}_nombre_folded`)} LIKE ${foldSql(sql`${containsPattern(text)}`)}`;

/**
 * What the search box holds. A UUID (any case, dashes optional, surrounding spaces) is an exact
 * folio fiscal; an RFC matches emisor or receptor exactly; anything else is part of a name and, when
 * it reads like a serie-folio (`A-123`, `A 123`, `A123`, `123`), only that (CFDI only: metadata has
 * no serie or folio, so there it stays a name).
 */
export type ParsedQuery =
  | { kind: 'uuid'; uuid: string }
  | { kind: 'rfc'; rfc: string }
  | { kind: 'text'; text: string; folio: { serie: string | null; folio: string } | null };

const HEX32 = /^[0-9a-f]{32}$/;
// A serie (letters, then optional digits) and a folio of digits, split by dashes/spaces or not at all.
const SERIE_FOLIO = /^([A-Z][A-Z0-9]{0,24}?)[\s-]*(\d{1,40})$/;
const FOLIO_ONLY = /^\d{1,40}$/;

export function parseQuery(raw: string): ParsedQuery {
  const text = raw.trim();
  const hex = text.replace(/[\s-]/g, '').toLowerCase();
  if (HEX32.test(hex)) {
    const uuid = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
    return { kind: 'uuid', uuid };
  }
  if (looksLikeRfc(text)) return { kind: 'rfc', rfc: text.toUpperCase() };
  const upper = text.toUpperCase();
  let folio: { serie: string | null; folio: string } | null = null;
  if (FOLIO_ONLY.test(upper)) folio = { serie: null, folio: upper };
  else {
    const m = SERIE_FOLIO.exec(upper);
    if (m) folio = { serie: m[1]!, folio: m[2]! };
  }
  return { kind: 'text', text, folio };
}

/**
 * The search box's condition. A UUID is an equality on the (tenant_id, uuid) primary key; an RFC
 * uses the (tenant, emisor/receptor rfc) indexes; a serie-folio the (tenant, folio) index of
 * cfdi_documents (metadata has no serie or folio); a name is a contains match (a scan of the
 * tenant's rows, as before).
 */
export function queryCondition(raw: string, shape: TableShape): SQL {
  const q = parseQuery(raw);
  if (q.kind === 'uuid') return sql`uuid = ${q.uuid}::uuid`;
  if (q.kind === 'rfc') return sql`(emisor_rfc = ${q.rfc} OR receptor_rfc = ${q.rfc})`;
  const names = sql`${nameContains('emisor', q.text)} OR ${nameContains('receptor', q.text)}`;
  if (!q.folio || shape.table !== 'cfdi_documents') return sql`(${names})`;
  // Only digits: a folio alone, by the index (no name is searched for a bare number).
  if (!q.folio.serie) return sql`folio = ${q.folio.folio}`;
  // Serie without case, folio exactly; or a folio that holds the letters itself ("A123"). Both by
  // the folio index: OR-ing a name match here would turn a one-row lookup into a scan of the
  // tenant, so a name with a number in it ("Tienda 3") is searched without the number.
  return sql`((folio = ${q.folio.folio} AND upper(serie) = ${q.folio.serie}) OR folio = ${q.text})`;
}

export interface TableShape {
  table: 'cfdi_documents' | 'cfdi_metadata';
  /** Sort columns are qualified: a bare name in ORDER BY would pick the formatted output column. */
  alias: 'd' | 'm';
  amountColumn: 'total' | 'monto';
}

export const CFDI_TABLE: TableShape = { table: 'cfdi_documents', alias: 'd', amountColumn: 'total' };
export const METADATA_TABLE: TableShape = { table: 'cfdi_metadata', alias: 'm', amountColumn: 'monto' };

function counterpartCondition(filters: CommonFilters): SQL {
  const text = filters.counterpart!.trim();
  const rfcMatch = looksLikeRfc(text);
  const side = (prefix: 'emisor' | 'receptor') =>
    rfcMatch ? sql`${sql.raw(`${prefix}_rfc`)} = ${text.toUpperCase()}` : nameContains(prefix, text);
  // The counterpart of an issued CFDI is its receptor, of a received one its emisor.
  if (filters.rfc && filters.direction === 'issued') return side('receptor');
  if (filters.rfc && filters.direction === 'received') return side('emisor');
  return sql`(${side('emisor')} OR ${side('receptor')})`;
}

/** WHERE conditions for a tenant's search; every value is a bound parameter. */
export function commonConditions(tenantId: string, filters: CommonFilters, shape: TableShape): SQL[] {
  const where: SQL[] = [sql`tenant_id = ${tenantId}::uuid`];
  if (filters.rfc) {
    const rfc = filters.rfc.trim().toUpperCase();
    if (filters.direction === 'issued') where.push(sql`emisor_rfc = ${rfc}`);
    else if (filters.direction === 'received') where.push(sql`receptor_rfc = ${rfc}`);
    else where.push(sql`(emisor_rfc = ${rfc} OR receptor_rfc = ${rfc})`);
  }
  if (filters.from) where.push(sql`issued_at >= ${filters.from}::date`);
  if (filters.to) where.push(sql`issued_at < ${filters.to}::date + 1`);
  if (filters.counterpart?.trim()) where.push(counterpartCondition(filters));
  const amount = sql.raw(shape.amountColumn);
  if (filters.minTotal) where.push(sql`${amount} >= ${filters.minTotal}::numeric`);
  if (filters.maxTotal) where.push(sql`${amount} <= ${filters.maxTotal}::numeric`);
  if (filters.status) where.push(sql`status = ${filters.status}`);
  if (filters.q?.trim()) where.push(queryCondition(filters.q, shape));
  return where;
}

export function cfdiConditions(tenantId: string, filters: CfdiFilters): SQL[] {
  const where = commonConditions(tenantId, filters, CFDI_TABLE);
  if (filters.tipo) where.push(sql`tipo = ${filters.tipo}`);
  if (filters.complemento)
    where.push(sql`complementos @> ARRAY[${filters.complemento.toLowerCase()}]::text[]`);
  // One bound array literal, not one parameter per UUID (up to 1,000 of them).
  if (filters.uuids) where.push(sql`uuid = ANY(${`{${filters.uuids.join(',')}}`}::uuid[])`);
  return where;
}

/**
 * The metadata row aliased `m` has its CFDI in the vault: a probe of the cfdi_documents primary key
 * `(tenant_id, uuid)`. One definition for the list's `hasCfdi`, the missing-XML filter, the totals,
 * the reconciliation and the start page's count.
 */
export const storedCfdiCondition = sql.raw(
  'EXISTS (SELECT 1 FROM cfdi_documents d WHERE d.tenant_id = m.tenant_id AND d.uuid = m.uuid)',
);

/**
 * Missing XML: the SAT lists the CFDI (metadata row `m`), the vault lacks it, and it is not
 * cancelled — the SAT serves no XML of a cancelled CFDI by folio (5012), so those are never
 * "missing", only cancelled. `missingXmlOf` takes the stored probe already computed (a column), so
 * a query that reports both probes the primary key once per row.
 */
export const missingXmlOf = (stored: SQL) => sql`(m.status <> 'cancelado' AND NOT ${stored})`;
export const missingXmlCondition = missingXmlOf(storedCfdiCondition);

export function metadataConditions(tenantId: string, filters: MetadataFilters): SQL[] {
  const where = commonConditions(tenantId, filters, METADATA_TABLE);
  if (filters.efecto) where.push(sql`efecto = ${filters.efecto}`);
  if (filters.missingXml) where.push(missingXmlCondition);
  if (filters.uuids) where.push(sql`m.uuid = ANY(${`{${filters.uuids.join(',')}}`}::uuid[])`);
  return where;
}

const sortColumn = (sort: SortSpec, shape: TableShape) =>
  sql.raw(`${shape.alias}.${sort.field === 'date' ? 'issued_at' : shape.amountColumn}`);
const uuidColumn = (shape: TableShape) => sql.raw(`${shape.alias}.uuid`);
const castOf = (sort: SortSpec) => sql.raw(sort.field === 'date' ? 'timestamp' : 'numeric');

/** The sort value as exact text, for the next cursor. */
export const sortValueSql = (sort: SortSpec, shape: TableShape) => sql`${sortColumn(sort, shape)}::text`;

/**
 * Rows strictly after `after` in the sort order. NULLs sort as the largest value (PostgreSQL's
 * default: ASC NULLS LAST, DESC NULLS FIRST), so a descending page is a plain backward scan of the
 * (tenant, rfc, issued_at) indexes and `col <= v` stays an index condition.
 */
export function afterCondition(sort: SortSpec, shape: TableShape, after: Keyset): SQL {
  const col = sortColumn(sort, shape);
  const v = sql`${after.value}::${castOf(sort)}`;
  const u = sql`${after.uuid}::uuid`;
  const id = uuidColumn(shape);
  if (sort.order === 'desc') {
    return after.value === null
      ? sql`((${col} IS NULL AND ${id} < ${u}) OR ${col} IS NOT NULL)`
      : sql`(${col} <= ${v} AND (${col} < ${v} OR ${id} < ${u}))`;
  }
  return after.value === null
    ? sql`(${col} IS NULL AND ${id} > ${u})`
    : sql`((${col} >= ${v} AND (${col} > ${v} OR ${id} > ${u})) OR ${col} IS NULL)`;
}

export function orderBy(sort: SortSpec, shape: TableShape): SQL {
  const col = sortColumn(sort, shape);
  const id = uuidColumn(shape);
  return sort.order === 'desc'
    ? sql`ORDER BY ${col} DESC NULLS FIRST, ${id} DESC`
    : sql`ORDER BY ${col} ASC NULLS LAST, ${id} ASC`;
}

export const and = (conditions: SQL[]) => sql.join(conditions, sql` AND `);

/**
 * One page: `limit + 1` rows after `after`. Ascending past a non-null value is split in two
 * index-friendly parts (the values above it, then the NULLs that sort last), because one
 * `col > v OR col IS NULL` condition would stop being an index range and scan from the start.
 */
export function pageSql(
  shape: TableShape,
  columns: SQL,
  where: SQL[],
  sort: SortSpec,
  limit: number,
  after?: Keyset,
) {
  const from = sql`FROM ${sql.raw(shape.table)} ${sql.raw(shape.alias)}`;
  const select = sql`SELECT ${columns}, ${sortValueSql(sort, shape)} AS sort_value`;
  if (!after || sort.order === 'desc' || after.value === null) {
    const conditions = after ? [...where, afterCondition(sort, shape, after)] : where;
    return sql`${select} ${from} WHERE ${and(conditions)} ${orderBy(sort, shape)} LIMIT ${limit + 1}`;
  }
  const col = sortColumn(sort, shape);
  const id = uuidColumn(shape);
  const v = sql`${after.value}::${castOf(sort)}`;
  const u = sql`${after.uuid}::uuid`;
  const keys = sql`${col} AS sort_key, ${id} AS uuid_key`;
  return sql`SELECT * FROM (
      (${select}, 0 AS part, ${keys} ${from}
        WHERE ${and([...where, sql`${col} >= ${v}`, sql`(${col} > ${v} OR ${id} > ${u})`])}
        ORDER BY ${col} ASC, ${id} ASC LIMIT ${limit + 1})
      UNION ALL
      (${select}, 1 AS part, ${keys} ${from}
        WHERE ${and([...where, sql`${col} IS NULL`])} ORDER BY ${id} ASC LIMIT ${limit + 1})
    ) AS page ORDER BY part, sort_key, uuid_key LIMIT ${limit + 1}`;
}

import { normalizeDecimal } from './decimal.js';
import { CfdiParseError, type CfdiParseErrorCode } from './errors.js';
import { metadataRecordChunks, type RecordChunk, type TextSource } from './metadata-lines.js';

export type { TextSource } from './metadata-lines.js';

export interface MetadataRow {
  /** Lower-case. */
  uuid: string;
  rfcEmisor: string | null;
  nombreEmisor: string | null;
  rfcReceptor: string | null;
  nombreReceptor: string | null;
  rfcPac: string | null;
  /** 'YYYY-MM-DD HH:mm:ss' as SAT writes it (local time). */
  fechaEmision: string | null;
  fechaCertificacionSat: string | null;
  /** Normalized decimal string ('1476.00'). */
  monto: string | null;
  efectoComprobante: string | null;
  estatus: 'vigente' | 'cancelado';
  fechaCancelacion: string | null;
  rfcACuentaTerceros: string | null;
  nombreACuentaTerceros: string | null;
  /** Columns not in the 2022 header, by header name, and values beyond the header as '#extra-01'… */
  extras?: Record<string, string>;
}

export interface TerceroRow {
  uuid: string;
  rfcACuentaTerceros: string | null;
  nombreACuentaTerceros: string | null;
}

export interface RejectedRow {
  line: number;
  code: CfdiParseErrorCode;
  reason: string;
}

export type MetadataItem = { row: MetadataRow } | { rejected: RejectedRow };

export interface MetadataOptions {
  /** `_tercero` rows by lower-case UUID (see loadTerceros), joined into each row. */
  terceros?: ReadonlyMap<string, TerceroRow>;
}

type Field = Exclude<keyof MetadataRow, 'extras' | 'estatus'> | 'estatus';

/** Header names (lower-cased) → row fields; SAT's header is `Uuid~RfcEmisor~…~FechaCancelacion`. */
const FIELDS: Record<string, Field> = {
  uuid: 'uuid',
  rfcemisor: 'rfcEmisor',
  nombreemisor: 'nombreEmisor',
  rfcreceptor: 'rfcReceptor',
  nombrereceptor: 'nombreReceptor',
  rfcpac: 'rfcPac',
  fechaemision: 'fechaEmision',
  fechacertificacionsat: 'fechaCertificacionSat',
  monto: 'monto',
  efectocomprobante: 'efectoComprobante',
  estatus: 'estatus',
  fechacancelacion: 'fechaCancelacion',
  rfcacuentaterceros: 'rfcACuentaTerceros',
  nombreacuentaterceros: 'nombreACuentaTerceros',
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * Where each known field sits in this file's header (-1: absent), and which header columns are
 * not ours (they go to `extras`). Computed once per file so a row costs one split and no lookups.
 */
interface HeaderPlan {
  header: string[];
  at: Record<Field, number>;
  unknownColumns: number[];
}

function planHeader(header: string[]): HeaderPlan {
  const at = Object.fromEntries(Object.values(FIELDS).map((f) => [f, -1])) as Record<Field, number>;
  const unknownColumns: number[] = [];
  header.forEach((name, i) => {
    const field = FIELDS[name.toLowerCase()];
    // A repeated header name: the last column wins, as a name → value map would have it.
    if (field) at[field] = i;
    else unknownColumns.push(i);
  });
  return { header, at, unknownColumns };
}

interface Table {
  plan: HeaderPlan;
  chunks: AsyncGenerator<RecordChunk>;
  /** Records after the header in the chunk that held it. */
  first: RecordChunk;
}

async function openTable(source: TextSource, required: string[]): Promise<Table | null> {
  const chunks = metadataRecordChunks(source);
  const first = await chunks.next();
  if (first.done) return null;
  const headerLine = first.value.records[0]!;
  const header = headerLine.split('~').map((h) => h.trim());
  const lower = header.map((h) => h.toLowerCase());
  const missing = required.filter((r) => !lower.includes(r));
  if (missing.length > 0) {
    await chunks.return(undefined);
    throw new CfdiParseError(
      'METADATA_HEADER_INVALID',
      `not a SAT metadata file: header lacks ${missing.join(', ')} (starts "${headerLine.slice(0, 40)}")`,
    );
  }
  const rest = { records: first.value.records.slice(1), lines: first.value.lines.slice(1) };
  return { plan: planHeader(header), chunks, first: rest };
}

async function* recordChunks(table: Table): AsyncGenerator<RecordChunk> {
  if (table.first.records.length > 0) yield table.first;
  yield* table.chunks;
}

/** Trimmed cell, null when missing or blank (short rows are padded with '', as PHP's CsvReader). */
function cell(cells: string[], index: number): string | null {
  if (index < 0 || index >= cells.length) return null;
  const v = cells[index]!.trim();
  return v === '' ? null : v;
}

function upperCell(cells: string[], index: number): string | null {
  const v = cell(cells, index);
  return v === null ? null : v.toUpperCase();
}

/** Values of columns we do not know, by header name, and values past the header as '#extra-01'… */
function extrasOf(plan: HeaderPlan, cells: string[]): Record<string, string> | undefined {
  let extras: Record<string, string> | undefined;
  for (const i of plan.unknownColumns) {
    extras ??= {};
    extras[plan.header[i]!] = (cells[i] ?? '').trim();
  }
  for (let i = plan.header.length; i < cells.length; i++) {
    const value = cells[i]!.trim();
    if (value === '') continue;
    extras ??= {};
    extras[`#extra-${String(i - plan.header.length + 1).padStart(2, '0')}`] = value;
  }
  return extras;
}

const rejectRow = (line: number, reason: string): MetadataItem => ({
  rejected: { line, code: 'METADATA_ROW_INVALID', reason },
});

/** One record → a row or the reason it cannot be one. Hot path: no closures, no per-row maps. */
function readRecord(
  plan: HeaderPlan,
  record: string,
  line: number,
  terceros: ReadonlyMap<string, TerceroRow> | undefined,
): MetadataItem {
  const cells = record.split('~');
  const at = plan.at;
  const uuid = (cell(cells, at.uuid) ?? '').toLowerCase();
  if (uuid === '') return rejectRow(line, 'blank Uuid');
  if (!UUID.test(uuid)) return rejectRow(line, `Uuid "${uuid.slice(0, 40)}" is not a UUID`);
  const rawMonto = cell(cells, at.monto);
  const monto = rawMonto === null ? null : normalizeDecimal(rawMonto);
  if (rawMonto !== null && monto === null)
    return rejectRow(line, `Monto "${rawMonto.slice(0, 40)}" is not a decimal`);
  const rawEstatus = cell(cells, at.estatus);
  if (rawEstatus !== '1' && rawEstatus !== '0')
    return rejectRow(line, `Estatus "${(rawEstatus ?? '').slice(0, 10)}" is neither 1 nor 0`);
  const tercero = terceros?.get(uuid);
  const row: MetadataRow = {
    uuid,
    rfcEmisor: upperCell(cells, at.rfcEmisor),
    nombreEmisor: cell(cells, at.nombreEmisor),
    rfcReceptor: upperCell(cells, at.rfcReceptor),
    nombreReceptor: cell(cells, at.nombreReceptor),
    rfcPac: upperCell(cells, at.rfcPac),
    fechaEmision: cell(cells, at.fechaEmision),
    fechaCertificacionSat: cell(cells, at.fechaCertificacionSat),
    monto,
    efectoComprobante: cell(cells, at.efectoComprobante),
    estatus: rawEstatus === '1' ? 'vigente' : 'cancelado',
    fechaCancelacion: cell(cells, at.fechaCancelacion),
    rfcACuentaTerceros: tercero?.rfcACuentaTerceros ?? upperCell(cells, at.rfcACuentaTerceros),
    nombreACuentaTerceros: tercero?.nombreACuentaTerceros ?? cell(cells, at.nombreACuentaTerceros),
  };
  if (plan.unknownColumns.length > 0 || cells.length > plan.header.length) {
    const extras = extrasOf(plan, cells);
    if (extras) row.extras = extras;
  }
  return { row };
}

/**
 * Rows of a metadata `.txt` (main file), streamed with bounded memory, as rows or rejected rows,
 * one array per chunk read. Throws METADATA_HEADER_INVALID when the first line is not a header.
 */
export async function* metadataItemChunks(
  source: TextSource,
  options: MetadataOptions = {},
): AsyncGenerator<MetadataItem[]> {
  const table = await openTable(source, ['uuid', 'rfcemisor']);
  if (!table) return;
  for await (const chunk of recordChunks(table)) {
    const items: MetadataItem[] = new Array(chunk.records.length);
    for (let i = 0; i < chunk.records.length; i++)
      items[i] = readRecord(table.plan, chunk.records[i]!, chunk.lines[i]!, options.terceros);
    yield items;
  }
}

/** Same as metadataItemChunks, one item at a time. */
export async function* metadataItems(
  source: TextSource,
  options: MetadataOptions = {},
): AsyncGenerator<MetadataItem> {
  for await (const items of metadataItemChunks(source, options)) yield* items;
}

/**
 * Rows of a metadata `.txt`. A row that cannot be read goes to `onRejectedRow` and is skipped;
 * without that callback it throws METADATA_ROW_INVALID.
 */
export async function* parseMetadataText(
  source: TextSource,
  options: MetadataOptions & { onRejectedRow?: (rejected: RejectedRow) => void } = {},
): AsyncGenerator<MetadataRow> {
  for await (const item of metadataItems(source, options)) {
    if ('row' in item) yield item.row;
    else if (options.onRejectedRow) options.onRejectedRow(item.rejected);
    else throw new CfdiParseError(item.rejected.code, `line ${item.rejected.line}: ${item.rejected.reason}`);
  }
}

/** Rows of a `_tercero.txt` (`Uuid~RfcACuentaTerceros~NombreACuentaTerceros`); blank UUIDs are skipped. */
export async function* parseTerceros(source: TextSource): AsyncGenerator<TerceroRow> {
  const table = await openTable(source, ['uuid', 'rfcacuentaterceros']);
  if (!table) return;
  const { at } = table.plan;
  for await (const chunk of recordChunks(table)) {
    for (const record of chunk.records) {
      const cells = record.split('~');
      const uuid = (cell(cells, at.uuid) ?? '').toLowerCase();
      if (uuid === '') continue;
      yield {
        uuid,
        rfcACuentaTerceros: upperCell(cells, at.rfcACuentaTerceros),
        nombreACuentaTerceros: cell(cells, at.nombreACuentaTerceros),
      };
    }
  }
}

/** `_tercero` rows keyed by lower-case UUID, for the case-insensitive join (SAT mixes cases). */
export async function loadTerceros(
  source: TextSource,
  into: Map<string, TerceroRow> = new Map(),
): Promise<Map<string, TerceroRow>> {
  for await (const row of parseTerceros(source)) into.set(row.uuid, row);
  return into;
}

import { normalizeDecimal } from './decimal.js';
import { CfdiParseError, type CfdiParseErrorCode } from './errors.js';
import { metadataRecords, type TextSource } from './metadata-lines.js';

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
const RFC_FIELDS = new Set<Field>(['rfcEmisor', 'rfcReceptor', 'rfcPac', 'rfcACuentaTerceros']);

interface Table {
  header: string[];
  records: AsyncGenerator<[number, string]>;
}

async function openTable(source: TextSource, required: string[]): Promise<Table | null> {
  const records = metadataRecords(source);
  const first = await records.next();
  if (first.done) return null;
  const header = first.value[1].split('~').map((h) => h.trim());
  const lower = header.map((h) => h.toLowerCase());
  const missing = required.filter((r) => !lower.includes(r));
  if (missing.length > 0) {
    await records.return(undefined);
    throw new CfdiParseError(
      'METADATA_HEADER_INVALID',
      `not a SAT metadata file: header lacks ${missing.join(', ')} (starts "${first.value[1].slice(0, 40)}")`,
    );
  }
  return { header, records };
}

/** Header-driven: short rows are padded with '', values past the header go to extras (PHP CsvReader::combine). */
function combine(
  header: string[],
  record: string,
): { values: Map<Field, string>; extras?: Record<string, string> } {
  const cells = record.split('~');
  const values = new Map<Field, string>();
  let extras: Record<string, string> | undefined;
  for (let i = 0; i < Math.max(header.length, cells.length); i++) {
    const value = (cells[i] ?? '').trim();
    const name = header[i];
    const field = name === undefined ? undefined : FIELDS[name.toLowerCase()];
    if (field) values.set(field, value);
    else if (value !== '' || name !== undefined) {
      extras ??= {};
      extras[name ?? `#extra-${String(i - header.length + 1).padStart(2, '0')}`] = value;
    }
  }
  return extras ? { values, extras } : { values };
}

/**
 * Rows of a metadata `.txt` (main file), streamed with bounded memory, as rows or rejected rows.
 * Throws METADATA_HEADER_INVALID when the first line is not a metadata header.
 */
export async function* metadataItems(
  source: TextSource,
  options: MetadataOptions = {},
): AsyncGenerator<MetadataItem> {
  const table = await openTable(source, ['uuid', 'rfcemisor']);
  if (!table) return;
  for await (const [line, record] of table.records) {
    const { values, extras } = combine(table.header, record);
    const get = (f: Field): string | null => {
      const v = values.get(f);
      if (v === undefined || v === '') return null;
      return RFC_FIELDS.has(f) ? v.toUpperCase() : v;
    };
    const uuid = (values.get('uuid') ?? '').toLowerCase();
    const reject = (reason: string): MetadataItem => ({
      rejected: { line, code: 'METADATA_ROW_INVALID', reason },
    });
    if (uuid === '') {
      yield reject('blank Uuid');
      continue;
    }
    if (!UUID.test(uuid)) {
      yield reject(`Uuid "${uuid.slice(0, 40)}" is not a UUID`);
      continue;
    }
    const rawMonto = get('monto');
    const monto = rawMonto === null ? null : normalizeDecimal(rawMonto);
    if (rawMonto !== null && monto === null) {
      yield reject(`Monto "${rawMonto.slice(0, 40)}" is not a decimal`);
      continue;
    }
    const rawEstatus = get('estatus');
    if (rawEstatus !== '1' && rawEstatus !== '0') {
      yield reject(`Estatus "${(rawEstatus ?? '').slice(0, 10)}" is neither 1 nor 0`);
      continue;
    }
    const tercero = options.terceros?.get(uuid);
    const row: MetadataRow = {
      uuid,
      rfcEmisor: get('rfcEmisor'),
      nombreEmisor: get('nombreEmisor'),
      rfcReceptor: get('rfcReceptor'),
      nombreReceptor: get('nombreReceptor'),
      rfcPac: get('rfcPac'),
      fechaEmision: get('fechaEmision'),
      fechaCertificacionSat: get('fechaCertificacionSat'),
      monto,
      efectoComprobante: get('efectoComprobante'),
      estatus: rawEstatus === '1' ? 'vigente' : 'cancelado',
      fechaCancelacion: get('fechaCancelacion'),
      rfcACuentaTerceros: tercero?.rfcACuentaTerceros ?? get('rfcACuentaTerceros'),
      nombreACuentaTerceros: tercero?.nombreACuentaTerceros ?? get('nombreACuentaTerceros'),
    };
    if (extras) row.extras = extras;
    yield { row };
  }
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
  for await (const [, record] of table.records) {
    const { values } = combine(table.header, record);
    const uuid = (values.get('uuid') ?? '').toLowerCase();
    if (uuid === '') continue;
    const rfc = values.get('rfcACuentaTerceros') ?? '';
    const nombre = values.get('nombreACuentaTerceros') ?? '';
    yield {
      uuid,
      rfcACuentaTerceros: rfc === '' ? null : rfc.toUpperCase(),
      nombreACuentaTerceros: nombre || null,
    };
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

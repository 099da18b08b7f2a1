import type { MetadataRow } from '../parsing/index.js';
import { localTimestamp } from './document-row.js';

/** `cfdi_metadata` columns in the order of MetadataTuple; each is sent as one array parameter. */
export const METADATA_COLUMNS = [
  ['uuid', 'uuid'],
  ['emisor_rfc', 'text'],
  ['emisor_nombre', 'text'],
  ['receptor_rfc', 'text'],
  ['receptor_nombre', 'text'],
  ['rfc_pac', 'text'],
  ['issued_at', 'timestamp'],
  ['certified_at', 'timestamp'],
  ['monto', 'numeric'],
  ['efecto', 'text'],
  ['status', 'text'],
  ['cancelled_at', 'timestamp'],
  ['tercero_rfc', 'text'],
  ['tercero_nombre', 'text'],
  ['extras', 'jsonb'],
] as const;

export type MetadataTuple = (string | null)[];

export function metadataTuple(row: MetadataRow): MetadataTuple {
  return [
    row.uuid,
    row.rfcEmisor,
    row.nombreEmisor,
    row.rfcReceptor,
    row.nombreReceptor,
    row.rfcPac,
    localTimestamp(row.fechaEmision),
    localTimestamp(row.fechaCertificacionSat),
    row.monto,
    row.efectoComprobante,
    row.estatus,
    row.estatus === 'cancelado' ? localTimestamp(row.fechaCancelacion) : null,
    row.rfcACuentaTerceros,
    row.nombreACuentaTerceros,
    row.extras ? JSON.stringify(row.extras) : null,
  ];
}

/**
 * One UUID per statement (ON CONFLICT DO UPDATE cannot touch a row twice): a later line for the
 * same UUID wins, except that a cancellation is never replaced by "vigente".
 */
export function dedupeByUuid(rows: MetadataTuple[]): MetadataTuple[] {
  const byUuid = new Map<string, MetadataTuple>();
  for (const row of rows) {
    const uuid = row[0]!;
    const seen = byUuid.get(uuid);
    if (seen && seen[10] === 'cancelado' && row[10] !== 'cancelado') continue;
    byUuid.set(uuid, row);
  }
  return byUuid.size === rows.length ? rows : [...byUuid.values()];
}

import type { MetadataRow } from '../parsing/index.js';
import type { BinaryTextArrayBuilder } from './binary-text-array.js';
import { localTimestamp } from './document-row.js';

/**
 * `cfdi_metadata` columns in the order appendMetadataRow writes them; each travels as one binary
 * `text[]` parameter and is cast to its type in the statement.
 */
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

/** Appends one row to the column arrays (METADATA_COLUMNS order). */
export function appendMetadataRow(columns: BinaryTextArrayBuilder[], row: MetadataRow): void {
  columns[0]!.push(row.uuid);
  columns[1]!.push(row.rfcEmisor);
  columns[2]!.push(row.nombreEmisor);
  columns[3]!.push(row.rfcReceptor);
  columns[4]!.push(row.nombreReceptor);
  columns[5]!.push(row.rfcPac);
  columns[6]!.push(localTimestamp(row.fechaEmision));
  columns[7]!.push(localTimestamp(row.fechaCertificacionSat));
  columns[8]!.push(row.monto);
  columns[9]!.push(row.efectoComprobante);
  columns[10]!.push(row.estatus);
  columns[11]!.push(row.estatus === 'cancelado' ? localTimestamp(row.fechaCancelacion) : null);
  columns[12]!.push(row.rfcACuentaTerceros);
  columns[13]!.push(row.nombreACuentaTerceros);
  columns[14]!.push(row.extras ? JSON.stringify(row.extras) : null);
}

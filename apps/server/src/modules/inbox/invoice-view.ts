import type { InvoiceDetail, InvoiceFieldName, InvoiceItem } from '@boveda/contracts';
import { normalizeDecimal } from '../cfdi/index.js';
import type { InvoiceEditRow, InvoiceFileRow, InvoiceRow } from './inbox.repository.js';

/** NUMERIC(24,6) reads back as '1160.000000'; people see the amount with its cents: '1160.00'. */
const money = (v: string | null) => (v === null ? null : normalizeDecimal(v));

export function toItem(r: InvoiceRow): InvoiceItem {
  return {
    id: r.id,
    status: r.status,
    fileName: r.fileName,
    extraction: r.extraction ?? null,
    uuid: r.uuid,
    serie: r.serie,
    folio: r.folio,
    fecha: r.fecha,
    emisorRfc: r.emisorRfc,
    emisorNombre: r.emisorNombre,
    receptorRfc: r.receptorRfc,
    receptorNombre: r.receptorNombre,
    total: money(r.total),
    moneda: r.moneda,
    direction: r.direction ?? null,
    inVault: r.inVault,
    duplicateOf: r.duplicateOf,
    lowConfidenceFields: r.lowConfidenceFields as InvoiceFieldName[],
    category: r.categoryCode,
    account: r.accountCode,
    failure: r.failureCode ? { code: r.failureCode, message: r.failureMessage ?? '' } : null,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  };
}

export function toDetail(d: {
  row: InvoiceRow;
  files: InvoiceFileRow[];
  edits: InvoiceEditRow[];
}): InvoiceDetail {
  const { row } = d;
  return {
    ...toItem(row),
    version: row.version,
    files: d.files.map((f) => ({
      id: f.id,
      kind: f.kind,
      name: f.name,
      mediaType: f.mediaType,
      size: f.size,
      sha256: f.sha256,
      createdAt: f.createdAt.toISOString(),
    })),
    preview: row.preview ?? null,
    finalData: row.finalData ?? null,
    rejectionReason: row.rejectionReason,
    satStatus: row.satStatus ?? null,
    edits: d.edits.map((e) => ({
      field: e.field,
      from: e.fromValue,
      to: e.toValue,
      by: e.actor,
      at: e.at.toISOString(),
    })),
    processedAt: row.processedAt?.toISOString() ?? null,
    processedBy: row.processedBy,
    registeredInVault: row.registeredInVaultAt !== null,
  };
}

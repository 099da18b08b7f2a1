import type { InvoiceItem } from '@boveda/contracts';
import {
  csvChunks,
  dateTimeColumn as date,
  type ExportColumn,
  moneyColumn as money,
  textColumn as text,
  xlsxStream,
} from '../../platform/tabular/index.js';
import type { InboxRepository, InvoiceFilters } from './inbox.repository.js';
import { toItem } from './invoice-view.js';

const STATUS_ES: Record<InvoiceItem['status'], string> = {
  processing: 'En proceso',
  waiting_validation: 'Por validar',
  processed: 'Procesada',
  rejected: 'Rechazada',
  failed: 'Con error',
};

// Headers in Spanish: the people opening these files are contadores.
export const INVOICE_COLUMNS: ExportColumn<InvoiceItem>[] = [
  text('Estado', (r) => STATUS_ES[r.status]),
  text('Archivo', (r) => r.fileName),
  text('UUID', (r) => r.uuid, { width: 38 }),
  text('Serie', (r) => r.serie),
  text('Folio', (r) => r.folio),
  date('Fecha', (r) => r.fecha),
  text('RFC emisor', (r) => r.emisorRfc),
  text('Emisor', (r) => r.emisorNombre, { width: 38 }),
  text('RFC receptor', (r) => r.receptorRfc),
  text('Receptor', (r) => r.receptorNombre, { width: 38 }),
  money('Total', (r) => r.total),
  text('Moneda', (r) => r.moneda),
  text('Tipo', (r) =>
    r.direction === 'issued' ? 'Emitida' : r.direction === 'received' ? 'Recibida' : null,
  ),
  text('En la bóveda', (r) => (r.inVault ? 'Sí' : 'No')),
  text('Error', (r) => r.failure?.code ?? null),
  text('Subida', (r) => r.createdAt),
];

const PAGE = 500;

/** Every invoice matching the filters, newest first, page by page (never all in memory). */
async function* allRows(repo: InboxRepository, tenantId: string, filters: InvoiceFilters) {
  let after: { createdAt: Date; id: string } | undefined;
  for (;;) {
    const rows = await repo.list(tenantId, filters, { limit: PAGE, ...(after ? { after } : {}) });
    if (rows.length === 0) return;
    yield rows.map(toItem);
    const last = rows.at(-1)!;
    after = { createdAt: last.createdAt, id: last.id };
    if (rows.length < PAGE) return;
  }
}

export function exportInvoices(
  repo: InboxRepository,
  tenantId: string,
  filters: InvoiceFilters,
  format: 'csv' | 'xlsx',
): AsyncIterable<string | Buffer> {
  const rows = allRows(repo, tenantId, filters);
  return format === 'csv' ? csvChunks(INVOICE_COLUMNS, rows) : xlsxStream('Facturas', INVOICE_COLUMNS, rows);
}

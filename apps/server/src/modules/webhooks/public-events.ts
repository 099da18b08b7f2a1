import {
  cfdiPackageIngested,
  connectorDocumentExported,
  connectorExportCompleted,
  connectorExportFailed,
  connectorSyncCompleted,
  connectorSyncFailed,
  type DomainEvent,
  documentExportedType,
  documentFailedType,
  documentProcessedType,
  documentRejectedType,
  type EventDefinition,
  efirmaExpiringType,
  exportCompletedType,
  exportFailedType,
  invoiceFailed,
  invoiceProcessed,
  invoiceRejected,
  orderCreated,
  orderCreatedType,
  orderInvoiced,
  orderInvoicedType,
  orderReturned,
  orderReturnedType,
  orderStatusChanged,
  orderStatusChangedType,
  satPackageIngestedType,
  satRequestStateChanged,
  satRequestStateChangedType,
  syncCompletedType,
  syncFailedType,
  taxpayerEfirmaExpiring,
  type WebhookEventType,
} from '@boveda/contracts';
import type { z } from 'zod';

type OrderRef = { orderId: string; number: string; clientId: string; clientName: string };
const orderOf = (p: OrderRef) => ({
  orderId: p.orderId,
  number: p.number,
  client: { id: p.clientId, name: p.clientName },
});
const orderLink = (p: OrderRef) => `/api/v1/orders/${encodeURIComponent(p.number)}`;

/**
 * How internal domain events become public webhook events. Internal payloads may change with the
 * code; the public `data` is the catalogue's contract (`@boveda/contracts` webhooks/catalogue.ts),
 * checked here against its schema before it is stored, so a mapping that drifts fails in tests and
 * never reaches a receiver.
 */
interface Mapping<T, D> {
  from: EventDefinition<T>;
  to: WebhookEventType<D>;
  data(payload: T, event: DomainEvent<T>): D | null;
}

const mapping = <T, D>(m: Mapping<T, D>) => m as unknown as Mapping<unknown, unknown>;

type Header = z.infer<typeof invoiceProcessed.schema>;
const invoiceLink = (id: string) => `/api/v1/invoices/${id}`;

const connectorLink = (id: string) => `/api/v1/connectors/${id}`;
type RunPayload = z.infer<typeof connectorExportCompleted.schema>;
const runLink = (p: Pick<RunPayload, 'connectorId' | 'runId'>) =>
  `${connectorLink(p.connectorId)}/runs/${p.runId}`;
const runSummary = (p: Omit<RunPayload, 'counts'>) => ({
  connectorId: p.connectorId,
  connectorName: p.connectorName,
  runId: p.runId,
  trigger: p.trigger,
  status: p.status,
  error: p.error,
  startedAt: p.startedAt,
  finishedAt: p.finishedAt,
});

/** The summary the original system sent (number, date, total, counterpart), from an inbox event. */
function documentSummary(
  p: Omit<Header, 'fields' | 'by' | 'direction'> & { direction?: Header['direction'] },
  fields: Record<string, string | null> = {},
) {
  const serie = fields.serie ?? null;
  const folio = fields.folio ?? null;
  const issuer = { rfc: p.emisorRfc, name: fields.emisorNombre ?? null };
  const receiver = { rfc: p.receptorRfc, name: fields.receptorNombre ?? null };
  const direction = p.direction ?? null;
  return {
    documentId: p.invoiceId,
    fileName: p.fileName,
    uuid: p.uuid,
    number: serie && folio ? `${serie}-${folio}` : (folio ?? serie),
    date: fields.fecha ?? null,
    total: p.total,
    currency: fields.moneda ?? null,
    issuer,
    receiver,
    direction,
    counterpart: direction === 'issued' ? receiver : direction === 'received' ? issuer : null,
  };
}

export const publicEventMappings = [
  mapping({
    from: invoiceProcessed,
    to: documentProcessedType,
    data: (p) => ({
      ...documentSummary(p, p.fields),
      processedBy: p.by,
      links: { self: invoiceLink(p.invoiceId), files: `${invoiceLink(p.invoiceId)}#files` },
    }),
  }),
  mapping({
    from: invoiceFailed,
    to: documentFailedType,
    data: (p) => ({
      ...documentSummary(p),
      error: { code: p.code, message: p.message },
      links: { self: invoiceLink(p.invoiceId) },
    }),
  }),
  mapping({
    from: invoiceRejected,
    to: documentRejectedType,
    data: (p) => ({
      ...documentSummary(p),
      reason: p.reason,
      rejectedBy: p.by,
      links: { self: invoiceLink(p.invoiceId) },
    }),
  }),
  mapping({
    from: satRequestStateChanged,
    to: satRequestStateChangedType,
    data: (p) => ({
      requestId: p.requestId,
      rfc: p.rfc,
      kind: p.kind,
      direction: p.direction,
      periodStart: p.periodStart,
      periodEnd: p.periodEnd,
      from: p.from,
      to: p.to,
      cfdiCount: p.cfdiCount,
      reason: p.reason,
      links: { self: `/api/v1/taxpayers/${p.rfc}/sat-requests/${p.requestId}` },
    }),
  }),
  mapping({
    from: cfdiPackageIngested,
    to: satPackageIngestedType,
    // Only packages that came from the SAT; single documents have their own events.
    data: (p) =>
      p.satPackageId === null
        ? null
        : {
            ingestionId: p.ingestionId,
            kind: p.kind,
            state: p.state,
            read: p.read,
            stored: p.stored,
            duplicates: p.duplicates,
            rejected: p.rejected,
            error: p.error,
            links: { cfdi: p.kind === 'cfdi' ? '/api/v1/cfdi' : '/api/v1/metadata' },
          },
  }),
  mapping({
    from: taxpayerEfirmaExpiring,
    to: efirmaExpiringType,
    data: (p) => ({
      taxpayerId: p.taxpayerId,
      rfc: p.rfc,
      legalName: p.legalName,
      validUntil: p.validUntil,
      daysLeft: p.daysLeft,
      links: { self: `/api/v1/taxpayers/${p.rfc}` },
    }),
  }),
  mapping({
    from: connectorDocumentExported,
    to: documentExportedType,
    data: (p) => ({
      connectorId: p.connectorId,
      connectorName: p.connectorName,
      runId: p.runId,
      documentKind: p.documentKind,
      documentId: p.documentId,
      uuid: p.uuid,
      externalId: p.externalId,
      exportedAt: p.exportedAt,
      forced: p.forced,
      links: {
        self: p.documentKind === 'invoice' ? invoiceLink(p.documentId) : `/api/v1/cfdi/${p.documentId}`,
        connector: connectorLink(p.connectorId),
      },
    }),
  }),
  ...(
    [
      [connectorExportCompleted, exportCompletedType],
      [connectorExportFailed, exportFailedType],
    ] as const
  ).map(([from, to]) =>
    mapping({
      from,
      to,
      data: (p) => ({ ...runSummary(p), counts: p.counts, links: { run: runLink(p) } }),
    }),
  ),
  ...(
    [
      [connectorSyncCompleted, syncCompletedType],
      [connectorSyncFailed, syncFailedType],
    ] as const
  ).map(([from, to]) =>
    mapping({
      from,
      to,
      data: (p) => ({
        ...runSummary(p),
        counts: p.counts,
        resources: p.resources,
        links: { run: runLink(p), records: `${connectorLink(p.connectorId)}/records` },
      }),
    }),
  ),
  mapping({
    from: orderCreated,
    to: orderCreatedType,
    data: (p) => ({
      ...orderOf(p),
      status: p.status,
      lineCount: p.lineCount,
      total: p.total,
      createdAt: p.createdAt,
      links: { self: orderLink(p) },
    }),
  }),
  mapping({
    from: orderStatusChanged,
    to: orderStatusChangedType,
    data: (p) => ({
      ...orderOf(p),
      from: p.from,
      to: p.to,
      changedAt: p.changedAt,
      links: { self: orderLink(p) },
    }),
  }),
  mapping({
    from: orderReturned,
    to: orderReturnedType,
    data: (p) => ({
      ...orderOf(p),
      returnId: p.returnId,
      returnNumber: p.returnNumber,
      reasonCode: p.reasonCode,
      items: p.items,
      total: p.total,
      fullyReturned: p.fullyReturned,
      returnedAt: p.returnedAt,
      links: { self: orderLink(p), returns: `${orderLink(p)}/returns` },
    }),
  }),
  mapping({
    from: orderInvoiced,
    to: orderInvoicedType,
    data: (p) => ({
      ...orderOf(p),
      invoiceId: p.invoiceId,
      uuid: p.uuid,
      tipo: p.tipo,
      returnId: p.returnId,
      total: p.total,
      links: {
        self: orderLink(p),
        invoice: `/api/v1/pac/invoices/${p.invoiceId}`,
        cfdi: `/api/v1/cfdi/${p.uuid}`,
      },
    }),
  }),
];

const byDomainType = new Map(publicEventMappings.map((m) => [m.from.type, m]));

/** The domain events the fan-out listens to. */
export const fannedOutEvents = publicEventMappings.map((m) => m.from);

/** The public event for a domain event, or null when it has none (or is not for receivers). */
export function publicEventOf(event: DomainEvent): { type: string; version: number; data: unknown } | null {
  const m = byDomainType.get(event.type);
  if (!m) return null;
  const data = m.data(event.payload, event);
  if (data === null) return null;
  return { type: m.to.type, version: m.to.version, data: m.to.data.parse(data) };
}

/** The body every attempt sends, frozen once: `{ id, type, version, timestamp, data }`. */
export function envelope(id: string, type: string, version: number, at: Date, data: unknown): string {
  return JSON.stringify({ id, type, version, timestamp: at.toISOString(), data });
}

import { z } from 'zod';
import { orderStatuses, returnReasonCodes } from '../api/orders.js';
import { connectorRef, finishedRunFields, pullRunCounts, pushRunCounts } from '../connector-runs.js';
import { satRequestStates } from '../sat-requests.js';

/**
 * The public webhook catalogue: what an organization's systems can subscribe to. Its types are a
 * stable, public contract (`document.processed`), separate from the internal domain events they are
 * derived from (`inbox.invoice.processed`), so internal renames never reach an integrator. A type's
 * `version` grows when its `data` changes incompatibly; new optional fields do not bump it.
 *
 * Every delivery body is the envelope `{ id, type, version, timestamp, data }` (Standard Webhooks'
 * recommended shape plus our id and version); `data` follows the type's schema below.
 */
export interface WebhookEventType<T> {
  type: string;
  version: number;
  description: string;
  /** The schema of `data`, published as JSON Schema by `GET /api/v1/webhooks/event-types` and in /docs. */
  data: z.ZodType<T>;
  example: T;
}

const defineWebhookEventType = <T>(spec: WebhookEventType<T>) => spec;

const party = z.object({ rfc: z.string().nullable(), name: z.string().nullable() });
const links = <K extends string>(...keys: K[]) =>
  z.object(Object.fromEntries(keys.map((k) => [k, z.string()])) as Record<K, z.ZodString>);

/** What a document of the inbox is, in brief: the original system's summary, with links. */
const documentSummary = {
  documentId: z.uuid(),
  fileName: z.string(),
  /** Folio fiscal of the CFDI, when known. */
  uuid: z.string().nullable(),
  /** Serie and folio as printed ("A-1024"), when known. */
  number: z.string().nullable(),
  /** Issue date as printed (ISO local date-time, Mexico's time), when known. */
  date: z.string().nullable(),
  /** Exact decimal string. */
  total: z.string().nullable(),
  currency: z.string().nullable(),
  issuer: party,
  receiver: party,
  /** Issued when the issuer is one of the organization's taxpayers, received when the receiver is. */
  direction: z.enum(['issued', 'received']).nullable(),
  /** The other party from the organization's point of view (the issuer of a received invoice). */
  counterpart: party.nullable(),
};

const documentExample = {
  documentId: '0f8fad5b-d9cb-469f-a165-70867728950e',
  fileName: 'factura-A-1024.pdf',
  uuid: 'B7E5B1A0-2A3C-4F1E-9A8B-1C2D3E4F5A6B',
  number: 'A-1024',
  date: '2026-11-30T12:15:00',
  total: '11600.00',
  currency: 'MXN',
  issuer: { rfc: 'EKU9003173C9', name: 'ESCUELA KEMPER URGATE' },
  receiver: { rfc: 'XAXX010101000', name: 'PUBLICO EN GENERAL' },
  direction: 'received' as const,
  counterpart: { rfc: 'EKU9003173C9', name: 'ESCUELA KEMPER URGATE' },
};

export const documentProcessedType = defineWebhookEventType({
  type: 'document.processed',
  version: 1,
  description: 'A person confirmed an invoice of the inbox: its final values are in `data`.',
  data: z.object({
    ...documentSummary,
    processedBy: z.string(),
    links: links('self', 'files'),
  }),
  example: {
    ...documentExample,
    processedBy: 'Ana López',
    links: {
      self: '/api/v1/invoices/0f8fad5b-d9cb-469f-a165-70867728950e',
      files: '/api/v1/invoices/0f8fad5b-d9cb-469f-a165-70867728950e#files',
    },
  },
});

export const documentFailedType = defineWebhookEventType({
  type: 'document.failed',
  version: 1,
  description: 'Reading an invoice of the inbox failed for good; a person can retry it or enter it by hand.',
  data: z.object({
    ...documentSummary,
    error: z.object({ code: z.string(), message: z.string() }),
    links: links('self'),
  }),
  example: {
    ...documentExample,
    error: { code: 'EXTRACTION_UNREADABLE', message: 'No text, QR or CFDI could be read from the file.' },
    links: { self: '/api/v1/invoices/0f8fad5b-d9cb-469f-a165-70867728950e' },
  },
});

export const documentRejectedType = defineWebhookEventType({
  type: 'document.rejected',
  version: 1,
  description: 'A person rejected an invoice of the inbox, with the reason.',
  data: z.object({
    ...documentSummary,
    reason: z.string(),
    rejectedBy: z.string(),
    links: links('self'),
  }),
  example: {
    ...documentExample,
    reason: 'Duplicada',
    rejectedBy: 'Ana López',
    links: { self: '/api/v1/invoices/0f8fad5b-d9cb-469f-a165-70867728950e' },
  },
});

export const satRequestStateChangedType = defineWebhookEventType({
  type: 'sat.request.state_changed',
  version: 1,
  description:
    'A SAT download request changed state: created (`from` null), filed, verified, ready, downloaded, empty, split, replaced or failed.',
  data: z.object({
    requestId: z.uuid(),
    rfc: z.string(),
    kind: z.enum(['cfdi', 'metadata']),
    direction: z.enum(['issued', 'received']).nullable(),
    periodStart: z.string().nullable(),
    periodEnd: z.string().nullable(),
    from: z.enum(satRequestStates).nullable(),
    to: z.enum(satRequestStates),
    cfdiCount: z.number().int().nullable(),
    /** Why a person must act (failed); null otherwise. */
    reason: z.string().nullable(),
    links: links('self'),
  }),
  example: {
    requestId: '6a1c3e0e-4b7d-4c55-9a4e-2f1d3c5b7a90',
    rfc: 'EKU9003173C9',
    kind: 'cfdi',
    direction: 'received',
    periodStart: '2026-11-01T00:00:00',
    periodEnd: '2026-11-30T23:59:59',
    from: 'in_progress',
    to: 'ready',
    cfdiCount: 412,
    reason: null,
    links: { self: '/api/v1/taxpayers/EKU9003173C9/sat-requests/6a1c3e0e-4b7d-4c55-9a4e-2f1d3c5b7a90' },
  },
});

export const satPackageIngestedType = defineWebhookEventType({
  type: 'sat.package.ingested',
  version: 1,
  description:
    'A package downloaded from the SAT was read into the vault (or failed to be), with its counts.',
  data: z.object({
    ingestionId: z.uuid(),
    kind: z.enum(['cfdi', 'metadata']),
    state: z.enum(['completed', 'failed']),
    read: z.number().int(),
    stored: z.number().int(),
    duplicates: z.number().int(),
    rejected: z.number().int(),
    error: z.string().nullable(),
    links: links('cfdi'),
  }),
  example: {
    ingestionId: '3d4b9f6e-1c2a-4e5f-8a9b-0c1d2e3f4a5b',
    kind: 'cfdi',
    state: 'completed',
    read: 412,
    stored: 410,
    duplicates: 2,
    rejected: 0,
    error: null,
    links: { cfdi: '/api/v1/cfdi' },
  },
});

export const efirmaExpiringType = defineWebhookEventType({
  type: 'efirma.expiring',
  version: 1,
  description: "A taxpayer's e.firma expires within 30, 7 or 1 days (once per threshold).",
  data: z.object({
    taxpayerId: z.uuid(),
    rfc: z.string(),
    legalName: z.string(),
    validUntil: z.string(),
    daysLeft: z.number().int(),
    links: links('self'),
  }),
  example: {
    taxpayerId: '9b2e4c1d-7f3a-4d8e-b6c5-1a2b3c4d5e6f',
    rfc: 'EKU9003173C9',
    legalName: 'ESCUELA KEMPER URGATE',
    validUntil: '2027-01-03T18:00:00.000Z',
    daysLeft: 30,
    links: { self: '/api/v1/taxpayers/EKU9003173C9' },
  },
});

const connectorRun = finishedRunFields;
const connectorExample = {
  connectorId: '5c4b3a29-1f0e-4d8c-9b7a-6f5e4d3c2b1a',
  connectorName: 'ERP Contabilidad',
};
const runExample = {
  ...connectorExample,
  runId: '7e6d5c4b-3a29-4180-9f7e-6d5c4b3a2918',
  trigger: 'schedule' as const,
  startedAt: '2026-12-05T08:00:00.000Z',
  finishedAt: '2026-12-05T08:00:41.000Z',
};

export const documentExportedType = defineWebhookEventType({
  type: 'document.exported',
  version: 1,
  description:
    'A document (an inbox invoice or a vault CFDI) was exported to an ERP by a connector, which answered with its id.',
  data: z.object({
    ...connectorRef,
    runId: z.uuid().nullable(),
    documentKind: z.enum(['invoice', 'cfdi']),
    documentId: z.guid(),
    uuid: z.string().nullable(),
    externalId: z.string().nullable(),
    exportedAt: z.string(),
    /** Exported again on request although it had been exported before. */
    forced: z.boolean(),
    links: links('self', 'connector'),
  }),
  example: {
    ...connectorExample,
    runId: '7e6d5c4b-3a29-4180-9f7e-6d5c4b3a2918',
    documentKind: 'invoice',
    documentId: '0f8fad5b-d9cb-469f-a165-70867728950e',
    uuid: 'B7E5B1A0-2A3C-4F1E-9A8B-1C2D3E4F5A6B',
    externalId: 'INV-000123',
    exportedAt: '2026-12-05T08:00:12.000Z',
    forced: false,
    links: {
      self: '/api/v1/invoices/0f8fad5b-d9cb-469f-a165-70867728950e',
      connector: '/api/v1/connectors/5c4b3a29-1f0e-4d8c-9b7a-6f5e4d3c2b1a',
    },
  },
});

const pushCounts = pushRunCounts;
const pullCounts = pullRunCounts;

export const exportCompletedType = defineWebhookEventType({
  type: 'export.completed',
  version: 1,
  description: 'A push run of a connector finished: `success`, or `partial` when some documents failed.',
  data: z.object({ ...connectorRun, counts: pushCounts, links: links('run') }),
  example: {
    ...runExample,
    status: 'partial',
    error: null,
    counts: { exported: 41, failed: 1, skipped: 0 },
    links: {
      run: '/api/v1/connectors/5c4b3a29-1f0e-4d8c-9b7a-6f5e4d3c2b1a/runs/7e6d5c4b-3a29-4180-9f7e-6d5c4b3a2918',
    },
  },
});

export const exportFailedType = defineWebhookEventType({
  type: 'export.failed',
  version: 1,
  description: 'A push run of a connector failed (nothing exported, or the ERP could not be reached).',
  data: z.object({ ...connectorRun, counts: pushCounts, links: links('run') }),
  example: {
    ...runExample,
    status: 'failed',
    error: 'El ERP respondió 401: revisa las credenciales del conector.',
    counts: { exported: 0, failed: 3, skipped: 0 },
    links: {
      run: '/api/v1/connectors/5c4b3a29-1f0e-4d8c-9b7a-6f5e4d3c2b1a/runs/7e6d5c4b-3a29-4180-9f7e-6d5c4b3a2918',
    },
  },
});

export const syncCompletedType = defineWebhookEventType({
  type: 'sync.completed',
  version: 1,
  description:
    'A pull run of a connector finished (`success` or `partial`): new and changed records wait in staging for review.',
  data: z.object({
    ...connectorRun,
    counts: pullCounts,
    resources: z.array(z.string()),
    links: links('run', 'records'),
  }),
  example: {
    ...runExample,
    status: 'success',
    error: null,
    counts: { fetched: 250, added: 10, updated: 3, unchanged: 237, failed: 0 },
    resources: ['customers'],
    links: {
      run: '/api/v1/connectors/5c4b3a29-1f0e-4d8c-9b7a-6f5e4d3c2b1a/runs/7e6d5c4b-3a29-4180-9f7e-6d5c4b3a2918',
      records: '/api/v1/connectors/5c4b3a29-1f0e-4d8c-9b7a-6f5e4d3c2b1a/records',
    },
  },
});

export const syncFailedType = defineWebhookEventType({
  type: 'sync.failed',
  version: 1,
  description: 'A pull run of a connector failed.',
  data: z.object({
    ...connectorRun,
    counts: pullCounts,
    resources: z.array(z.string()),
    links: links('run', 'records'),
  }),
  example: {
    ...runExample,
    status: 'failed',
    error: 'El ERP no respondió a tiempo.',
    counts: { fetched: 0, added: 0, updated: 0, unchanged: 0, failed: 0 },
    resources: ['customers'],
    links: {
      run: '/api/v1/connectors/5c4b3a29-1f0e-4d8c-9b7a-6f5e4d3c2b1a/runs/7e6d5c4b-3a29-4180-9f7e-6d5c4b3a2918',
      records: '/api/v1/connectors/5c4b3a29-1f0e-4d8c-9b7a-6f5e4d3c2b1a/records',
    },
  },
});

const orderSummary = {
  orderId: z.uuid(),
  number: z.string(),
  client: z.object({ id: z.uuid(), name: z.string() }),
};
const orderExample = {
  orderId: '6f1d2c3b-4a5e-4f60-8a7b-9c0d1e2f3a4b',
  number: 'PED-1024',
  client: { id: '2b3c4d5e-6f70-4182-9a3b-4c5d6e7f8091', name: 'Constructora Bajío' },
};
const orderLinks = links('self');
const orderStatus = z.enum(orderStatuses);

export const orderCreatedType = defineWebhookEventType({
  type: 'order.created',
  version: 1,
  description: 'An order was created (status received).',
  data: z.object({
    ...orderSummary,
    status: orderStatus,
    lineCount: z.number().int(),
    total: z.string(),
    createdAt: z.string(),
    links: orderLinks,
  }),
  example: {
    ...orderExample,
    status: 'received',
    lineCount: 2,
    total: '240.99',
    createdAt: '2026-12-06T17:02:11.000Z',
    links: { self: '/api/v1/orders/PED-1024' },
  },
});

export const orderStatusChangedType = defineWebhookEventType({
  type: 'order.status_changed',
  version: 1,
  description:
    "An order's status changed (received → picking → packing → shipped → delivered, cancelled, returned).",
  data: z.object({
    ...orderSummary,
    from: orderStatus,
    to: orderStatus,
    changedAt: z.string(),
    links: orderLinks,
  }),
  example: {
    ...orderExample,
    from: 'packing',
    to: 'shipped',
    changedAt: '2026-12-06T18:40:00.000Z',
    links: { self: '/api/v1/orders/PED-1024' },
  },
});

export const orderReturnedType = defineWebhookEventType({
  type: 'order.returned',
  version: 1,
  description:
    'Units of an order came back: a partial return, or the last units (then the order is returned).',
  data: z.object({
    ...orderSummary,
    returnId: z.uuid(),
    returnNumber: z.string(),
    reasonCode: z.enum(returnReasonCodes),
    items: z.array(z.object({ sku: z.string(), quantity: z.number().int() })),
    total: z.string(),
    fullyReturned: z.boolean(),
    returnedAt: z.string(),
    links: links('self', 'returns'),
  }),
  example: {
    ...orderExample,
    returnId: '7a8b9c0d-1e2f-4a3b-8c4d-5e6f7a8b9c0d',
    returnNumber: 'PED-1024-D1',
    reasonCode: 'damaged',
    items: [{ sku: 'MART-01', quantity: 2 }],
    total: '77.33',
    fullyReturned: false,
    returnedAt: '2026-12-08T10:00:00.000Z',
    links: { self: '/api/v1/orders/PED-1024', returns: '/api/v1/orders/PED-1024/returns' },
  },
});

export const orderInvoicedType = defineWebhookEventType({
  type: 'order.invoiced',
  version: 1,
  description: "An order's invoice (tipo I) or a return's credit note (tipo E, relation 03) was stamped.",
  data: z.object({
    ...orderSummary,
    invoiceId: z.uuid(),
    uuid: z.string(),
    tipo: z.enum(['I', 'E']),
    returnId: z.uuid().nullable(),
    total: z.string(),
    links: links('self', 'invoice', 'cfdi'),
  }),
  example: {
    ...orderExample,
    invoiceId: '8b9c0d1e-2f3a-4b4c-9d5e-6f7a8b9c0d1e',
    uuid: '3E9142E1-3775-45C2-99D2-5A60AB002DEE',
    tipo: 'I',
    returnId: null,
    total: '240.99',
    links: {
      self: '/api/v1/orders/PED-1024',
      invoice: '/api/v1/pac/invoices/8b9c0d1e-2f3a-4b4c-9d5e-6f7a8b9c0d1e',
      cfdi: '/api/v1/cfdi/3E9142E1-3775-45C2-99D2-5A60AB002DEE',
    },
  },
});

export const webhookTestType = defineWebhookEventType({
  type: 'webhook.test',
  version: 1,
  description: 'A test event, sent to one endpoint on request (`POST …/endpoints/{id}/test`).',
  data: z.object({ endpointId: z.uuid(), message: z.string() }),
  example: {
    endpointId: '1e2d3c4b-5a6f-4e7d-8c9b-0a1b2c3d4e5f',
    message: 'Evento de prueba de Bóveda: si lo recibes, tu endpoint está listo.',
  },
});

/** Every type a subscriber may name, in the order the docs list them. */
export const webhookEventTypes = [
  documentProcessedType,
  documentFailedType,
  documentRejectedType,
  documentExportedType,
  exportCompletedType,
  exportFailedType,
  syncCompletedType,
  syncFailedType,
  satRequestStateChangedType,
  satPackageIngestedType,
  efirmaExpiringType,
  orderCreatedType,
  orderStatusChangedType,
  orderReturnedType,
  orderInvoicedType,
  webhookTestType,
] as const;

export const webhookEventTypeNames = webhookEventTypes.map((t) => t.type);

import { z } from 'zod';
import {
  connectorRef as connector,
  pullRunCounts as pullCounts,
  pushRunCounts as pushCounts,
  finishedRunFields as run,
} from '../connector-runs.js';
import { defineEvent } from './define.js';

/** One document reached the ERP, which answered with its id for it. */
export const connectorDocumentExported = defineEvent({
  type: 'connectors.document.exported',
  version: 1,
  schema: z.object({
    ...connector,
    runId: z.uuid().nullable(),
    documentKind: z.enum(['invoice', 'cfdi']),
    documentId: z.guid(),
    uuid: z.string().nullable(),
    externalId: z.string().nullable(),
    exportedAt: z.iso.datetime(),
    forced: z.boolean(),
    replayed: z.boolean(),
  }),
  aggregateOf: (p) => `connector:${p.connectorId}`,
  description: 'A document was exported to an ERP by a connector.',
});

/** A push run ended with something exported (success) or some documents failing (partial). */
export const connectorExportCompleted = defineEvent({
  type: 'connectors.export.completed',
  version: 1,
  schema: z.object({ ...run, counts: pushCounts }),
  aggregateOf: (p) => `connector:${p.connectorId}`,
  description: 'A push run of a connector finished (success or partial).',
});

/** A push run failed: nothing could be exported, or the ERP could not be reached. */
export const connectorExportFailed = defineEvent({
  type: 'connectors.export.failed',
  version: 1,
  schema: z.object({ ...run, counts: pushCounts }),
  aggregateOf: (p) => `connector:${p.connectorId}`,
  description: 'A push run of a connector failed.',
});

export const connectorSyncCompleted = defineEvent({
  type: 'connectors.sync.completed',
  version: 1,
  schema: z.object({ ...run, counts: pullCounts, resources: z.array(z.string()) }),
  aggregateOf: (p) => `connector:${p.connectorId}`,
  description: 'A pull run of a connector finished (success or partial): records are in staging.',
});

export const connectorSyncFailed = defineEvent({
  type: 'connectors.sync.failed',
  version: 1,
  schema: z.object({ ...run, counts: pullCounts, resources: z.array(z.string()) }),
  aggregateOf: (p) => `connector:${p.connectorId}`,
  description: 'A pull run of a connector failed.',
});

/**
 * A person accepted staged records for import. The module that owns that kind of record (the
 * orders module's clients for `customers`) consumes it; the payload carries the records.
 */
export const connectorRecordsAccepted = defineEvent({
  type: 'connectors.records.accepted',
  version: 1,
  schema: z.object({
    ...connector,
    resource: z.string(),
    kind: z.enum(['customers', 'suppliers', 'purchase_orders', 'other']),
    records: z.array(z.object({ id: z.uuid(), externalId: z.string(), payload: z.unknown() })),
  }),
  aggregateOf: (p) => `connector:${p.connectorId}`,
  description: 'Staged records pulled from an ERP were accepted for import.',
});

import { z } from 'zod';
import { pageOf, pageQuery } from '../primitives.js';
import { cfdiFilterQuery } from './cfdi.js';
import { idParams } from './params.js';

/**
 * ERP connectors: a REST API an organization pushes documents to and pulls records from. The
 * wire shapes of `/api/v1/connectors`. Credentials go in and never come out: a connector read back
 * names its auth method and the non-secret parts only.
 */

const text = (max: number) => z.string().trim().min(1).max(max);
/** A path below the base URL (`/api/invoices`); may hold `{{…}}` placeholders on push. */
const apiPath = z
  .string()
  .trim()
  .max(500)
  .regex(/^\/[^\s#]*$/, 'a path starting with /, without spaces or #');
/** A dotted path into JSON (`data.id`, `result.items`); empty: the value itself. */
export const jsonPath = z
  .string()
  .trim()
  .max(200)
  .regex(/^$|^[A-Za-z0-9_$-]+(\.[A-Za-z0-9_$-]+)*$/, 'a dotted path such as data.id');
const HEADER_NAME = /^[A-Za-z0-9!#$%&'*+.^_`|~-]{1,100}$/;

export const connectorAuthTypes = ['none', 'api_key', 'bearer', 'basic', 'oauth2'] as const;
export const connectorAuthType = z.enum(connectorAuthTypes);

/**
 * How Bóveda authenticates to the ERP. On create every secret is required; on update a secret left
 * out keeps the stored one when the method does not change (a form need not ask for it again).
 */
export const connectorAuthInput = z.discriminatedUnion('type', [
  z.object({ type: z.literal('none') }),
  z.object({
    type: z.literal('api_key'),
    header: z.string().regex(HEADER_NAME, 'a header name').default('X-Api-Key'),
    key: text(2000).optional(),
  }),
  z.object({ type: z.literal('bearer'), token: text(4000).optional() }),
  z.object({ type: z.literal('basic'), username: text(200), password: text(500).optional() }),
  z.object({
    type: z.literal('oauth2'),
    tokenUrl: text(2000),
    clientId: text(500),
    clientSecret: text(2000).optional(),
    scope: z.string().trim().max(500).optional(),
  }),
]);
export type ConnectorAuthInput = z.infer<typeof connectorAuthInput>;

/** The auth read back: its method and what is not secret. */
export const connectorAuthView = z.object({
  type: connectorAuthType,
  header: z.string().nullable(),
  username: z.string().nullable(),
  tokenUrl: z.string().nullable(),
  clientId: z.string().nullable(),
  scope: z.string().nullable(),
  /** A secret is stored (shown as •••• in forms). */
  hasSecret: z.boolean(),
});

export const connectorDirections = ['push', 'pull', 'both'] as const;
export const connectorDirection = z.enum(connectorDirections);
export const pushSources = ['inbox', 'cfdi'] as const;

/** A saved CFDI search: the explorer's filters (its query string, without paging or sort). */
export const savedCfdiFilter = cfdiFilterQuery.omit({ sort: true, order: true });

/**
 * What a push sends. `body` is a JSON template: every string may hold `{{path}}` or
 * `{{path | filter}}` placeholders read from the document (see the connectors README); a string
 * that is only one placeholder keeps the value's JSON type. `{"$each": "conceptos", "as": {…}}`
 * maps an array.
 */
export const pushConfig = z.object({
  source: z.enum(pushSources),
  /** `cfdi` only: which vault CFDI this connector exports (all when empty). */
  cfdiFilter: savedCfdiFilter.optional(),
  method: z.enum(['POST', 'PUT', 'PATCH']).default('POST'),
  path: apiPath,
  body: z.unknown(),
  /** Where the ERP's id for the new record is in its answer (`id`, `data.id`). */
  externalIdPath: jsonPath.default('id'),
  /** Documents in flight at once. */
  concurrency: z.number().int().min(1).max(16).default(4),
});
export type PushConfig = z.output<typeof pushConfig>;

export const paginationStyles = ['page', 'offset', 'cursor', 'none'] as const;
export const pullResourceKinds = ['customers', 'suppliers', 'purchase_orders', 'other'] as const;

export const pullResource = z.object({
  /** This resource's name in staging and counts (`customers`). */
  name: z
    .string()
    .trim()
    .regex(/^[a-z][a-z0-9_-]{0,39}$/, 'lower-case letters, digits, - or _'),
  kind: z.enum(pullResourceKinds).default('other'),
  path: apiPath,
  /** Where the list is in each answer (`data`); empty: the answer is the list. */
  recordsPath: jsonPath.default('data'),
  idField: jsonPath.refine((p) => p !== '', 'required').default('id'),
  pagination: z
    .object({
      style: z.enum(paginationStyles).default('page'),
      pageSize: z.number().int().min(1).max(1000).default(100),
      pageParam: z.string().trim().min(1).max(50).default('page'),
      sizeParam: z.string().trim().min(1).max(50).default('per_page'),
      offsetParam: z.string().trim().min(1).max(50).default('offset'),
      limitParam: z.string().trim().min(1).max(50).default('limit'),
      cursorParam: z.string().trim().min(1).max(50).default('cursor'),
      nextCursorPath: jsonPath.default('next_cursor'),
    })
    .prefault({}),
  /** Incremental sync: ask only for what changed since the last record seen. */
  incremental: z
    .object({
      /** The record's change time (ISO 8601), read in ascending order. */
      updatedField: jsonPath.refine((p) => p !== '', 'required').default('updated_at'),
      /** The query parameter the API filters by (`updated_since`). */
      param: z.string().trim().min(1).max(50).default('updated_since'),
      /** Ask again for this many seconds before the last change seen (late, back-dated writes). */
      lookbackSeconds: z
        .number()
        .int()
        .min(0)
        .max(30 * 86_400)
        .default(0),
    })
    .nullable()
    .default(null),
});
export type PullResource = z.output<typeof pullResource>;

export const pullConfig = z.object({
  resources: z
    .array(pullResource)
    .min(1)
    .max(20)
    .refine((rs) => new Set(rs.map((r) => r.name)).size === rs.length, 'resource names must differ'),
});
export type PullConfig = z.output<typeof pullConfig>;

/** Five-field cron (`0 2 * * *`) read in an IANA time zone. */
export const connectorSchedule = z.object({
  cron: z.string().trim().min(9).max(100),
  timeZone: z.string().trim().min(1).max(64).default('America/Mexico_City'),
});

const connectorFields = {
  name: text(120),
  direction: connectorDirection,
  baseUrl: text(2000),
  auth: connectorAuthInput,
  /** A cheap authenticated GET for "Probar conexión" (`/api/company`); default: the base URL. */
  testPath: apiPath.nullable().optional(),
  timeoutMs: z.number().int().min(500).max(120_000).default(15_000),
  /** Calls per second to this ERP; null: as fast as it answers. */
  rateLimitPerSecond: z.number().int().min(1).max(1000).nullable().default(null),
  schedule: connectorSchedule.nullable().default(null),
  enabled: z.boolean().default(true),
  push: pushConfig.nullable().default(null),
  pull: pullConfig.nullable().default(null),
};

export const connectorCreateBody = z.object(connectorFields);
export const connectorUpdateBody = z
  .object({
    name: connectorFields.name,
    direction: connectorFields.direction,
    baseUrl: connectorFields.baseUrl,
    auth: connectorAuthInput,
    testPath: connectorFields.testPath,
    timeoutMs: z.number().int().min(500).max(120_000),
    rateLimitPerSecond: z.number().int().min(1).max(1000).nullable(),
    schedule: connectorSchedule.nullable(),
    enabled: z.boolean(),
    push: pushConfig.nullable(),
    pull: pullConfig.nullable(),
  })
  .partial();
export type ConnectorCreateBody = z.output<typeof connectorCreateBody>;
export type ConnectorUpdateBody = z.output<typeof connectorUpdateBody>;

export const runKinds = ['push', 'pull'] as const;
export const runTriggers = ['manual', 'schedule'] as const;
export const runStatuses = ['queued', 'running', 'success', 'partial', 'failed'] as const;
export const runStatus = z.enum(runStatuses);

export const connectorRunView = z.object({
  id: z.string(),
  connectorId: z.string(),
  kind: z.enum(runKinds),
  trigger: z.enum(runTriggers),
  status: runStatus,
  attempt: z.number().int(),
  counts: z.record(z.string(), z.number().int()),
  /** Per resource on pull: `{customers: {fetched, added, …, cursorFrom, cursorTo}}`. */
  resources: z.record(z.string(), z.record(z.string(), z.union([z.number(), z.string(), z.null()]))),
  error: z.string().nullable(),
  queuedAt: z.string(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
  requestedBy: z.string().nullable(),
});
export const connectorRunPage = pageOf(connectorRunView);

export const connectorView = z.object({
  id: z.string(),
  name: z.string(),
  direction: connectorDirection,
  baseUrl: z.string(),
  auth: connectorAuthView,
  testPath: z.string().nullable(),
  timeoutMs: z.number().int(),
  rateLimitPerSecond: z.number().int().nullable(),
  schedule: z.object({ cron: z.string(), timeZone: z.string() }).nullable(),
  nextRunAt: z.string().nullable(),
  enabled: z.boolean(),
  push: pushConfig.nullable(),
  pull: pullConfig.nullable(),
  lastRun: connectorRunView.nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export const connectorPage = pageOf(connectorView);
export type ConnectorView = z.output<typeof connectorView>;

export const connectorListQuery = pageQuery(50, 200);
export const connectorParams = idParams;
export const connectorRunParams = z.object({ id: z.uuid(), runId: z.uuid() });

export const documentKinds = ['invoice', 'cfdi'] as const;
/** An inbox invoice (its id) or a vault CFDI (its UUID). */
export const documentRef = z.object({
  kind: z.enum(documentKinds),
  // A CFDI's folio fiscal need not carry RFC 9562 version bits: any 8-4-4-4-12 hex id.
  id: z.guid().transform((s) => s.toLowerCase()),
});

export const connectorTestResult = z.object({
  ok: z.boolean(),
  status: z.number().int().nullable(),
  latencyMs: z.number().int(),
  /** Why it failed, in words a person can act on (never a secret). */
  error: z.string().nullable(),
});

/** `POST …/preview`: the request a push would send for one document, without sending it. */
export const pushPreviewBody = z.object({
  document: documentRef,
  /** Try a mapping before saving it (defaults to the connector's). */
  push: pushConfig.optional(),
});
export const pushPreview = z.object({
  method: z.string(),
  url: z.string(),
  headers: z.record(z.string(), z.string()),
  body: z.unknown(),
  /** The source document as the template reads it. */
  source: z.unknown(),
});

export const pushRunBody = z.object({
  /** Only these documents (at most 500); omitted: every pending document of the connector's source. */
  documents: z.array(documentRef).min(1).max(500).optional(),
  /** Export again documents already exported (a new Idempotency-Key). */
  force: z.boolean().default(false),
});
export const pullRunBody = z.object({
  /** Only these resources; omitted: all. */
  resources: z.array(z.string()).min(1).max(20).optional(),
  /** Ignore the saved cursor and read everything again (changes are still detected by hash). */
  full: z.boolean().default(false),
});

export const connectorRunListQuery = pageQuery(20, 100).extend({
  kind: z.enum(runKinds).optional(),
});

export const exportStatuses = ['exported', 'failed'] as const;
export const connectorExportView = z.object({
  documentKind: z.enum(documentKinds),
  documentId: z.string(),
  status: z.enum(exportStatuses),
  externalId: z.string().nullable(),
  attempts: z.number().int(),
  lastExportedAt: z.string().nullable(),
  lastError: z.string().nullable(),
  updatedAt: z.string(),
});
export const connectorExportPage = pageOf(connectorExportView);
export const connectorExportListQuery = pageQuery(50, 200).extend({
  status: z.enum(exportStatuses).optional(),
});

/** `GET /api/v1/connectors/exports?kind=&ids=`: where these documents went (inbox and explorer). */
export const documentExportsQuery = z.object({
  kind: z.enum(documentKinds),
  ids: z
    .string()
    .max(37 * 200)
    .transform((s) => s.split(',').filter(Boolean))
    .pipe(
      z
        .array(z.guid().transform((s) => s.toLowerCase()))
        .min(1)
        .max(200),
    ),
});
export const documentExportsResult = z.object({
  items: z.array(connectorExportView.extend({ connectorId: z.string(), connectorName: z.string() })),
});

export const exportLogListQuery = pageQuery(50, 200).extend({
  runId: z.uuid().optional(),
  documentId: z.guid().optional(),
});
export const exportLogView = z.object({
  id: z.string(),
  runId: z.string().nullable(),
  documentKind: z.enum(documentKinds),
  documentId: z.string(),
  attempt: z.number().int(),
  method: z.string(),
  url: z.string(),
  idempotencyKey: z.string(),
  requestExcerpt: z.string(),
  status: z.number().int().nullable(),
  responseExcerpt: z.string().nullable(),
  latencyMs: z.number().int(),
  outcome: z.enum(['exported', 'replayed', 'rejected', 'retrying', 'failed']),
  error: z.string().nullable(),
  at: z.string(),
});
export const exportLogPage = pageOf(exportLogView);

export const connectorStats = z.object({
  exported: z.number().int(),
  failed: z.number().int(),
  /** Documents of the source not exported yet. */
  pending: z.number().int().nullable(),
  lastExportedAt: z.string().nullable(),
  last30Days: z.object({ exported: z.number().int(), failed: z.number().int() }),
  staged: z.record(z.string(), z.number().int()),
});

export const recordStatuses = ['staged', 'accepted', 'ignored'] as const;
export const stagedRecordView = z.object({
  id: z.string(),
  resource: z.string(),
  kind: z.enum(pullResourceKinds),
  externalId: z.string(),
  payload: z.unknown(),
  status: z.enum(recordStatuses),
  lastAction: z.enum(['added', 'updated']),
  firstSeenAt: z.string(),
  lastModifiedAt: z.string(),
  reviewedAt: z.string().nullable(),
  reviewedBy: z.string().nullable(),
});
export const stagedRecordPage = pageOf(stagedRecordView);
export const stagedRecordListQuery = pageQuery(50, 200).extend({
  resource: z.string().max(40).optional(),
  status: z.enum(recordStatuses).optional(),
  q: z.string().trim().min(1).max(100).optional().describe('Part of the external id'),
});
export const recordReviewBody = z.object({
  ids: z.array(z.uuid()).min(1).max(500),
  action: z.enum(['accept', 'ignore']),
});
export const recordReviewResult = z.object({ changed: z.number().int() });

export const runQueued = z.object({ runId: z.string(), status: runStatus });

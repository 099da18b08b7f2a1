import { z } from 'zod';
import { calendarDaySchema, pageOf, pageQuery, queryNumber, UUID_PATTERN } from '../primitives.js';
import { satAttentionCodes, satHistoryCodes } from '../sat-history.js';
import { satRequestStates } from '../sat-requests.js';
import { idParams, rfcParams } from './params.js';

/** What a request downloads: the CFDI themselves (XML) or the SAT's metadata rows. */
export const satRequestType = z.enum(['cfdi', 'metadata']);
/** Whose CFDI: those the taxpayer issued or those it received. */
export const satDirection = z.enum(['issued', 'received']);
export const satRequestState = z.enum(satRequestStates);

/** `/taxpayers/:rfc/sat-requests/:id`. */
export const satRequestParams = rfcParams.extend(idParams.shape);
/** `…/sat-requests/:id/packages/:packageId`: the SAT's package id (`satPackageId`). */
export const satPackageParams = satRequestParams.extend({ packageId: z.string().min(1).max(100) });

/** v1.5 filters of a request, as the server validated and normalized them. */
export const satRequestFilters = z.object({
  documentType: z.enum(['I', 'E', 'T', 'N', 'P']).optional(),
  status: z.enum(['Todos', 'Vigente', 'Cancelado']).optional(),
  counterparts: z.array(z.string().max(13)).max(50).optional(),
  onBehalfRfc: z.string().max(13).optional(),
  complemento: z.string().max(64).optional(),
});

const satParams = z.record(z.string(), z.union([z.string(), z.number(), z.array(z.string()), z.null()]));
/** Why a request needs a person, as a code and the values it names. */
export const satAttention = z.object({ code: z.enum(satAttentionCodes), params: satParams });

/**
 * One request to the SAT's Descarga Masiva. `state` is the server's ledger state; `origin` says who
 * filed it (api, year, recovery, split). Periods are the SAT's naive Mexico City timestamps
 * `YYYY-MM-DDTHH:mm:ss`.
 */
export const satRequestItem = z.object({
  id: z.string(),
  rfc: z.string(),
  type: satRequestType,
  direction: satDirection.nullable(),
  period: z.object({ start: z.string(), end: z.string() }).nullable(),
  filters: satRequestFilters,
  folio: z.string().nullable(),
  state: satRequestState,
  origin: z.string(),
  satRequestId: z.string().nullable(),
  sat: z.object({
    statusCode: z.number().nullable(),
    statusMessage: z.string().nullable(),
    requestState: z.number().nullable(),
    requestCode: z.number().nullable(),
  }),
  cfdiCount: z.number().nullable(),
  replaces: z.string().nullable(),
  replacedBy: z.string().nullable(),
  splitFrom: z.string().nullable(),
  attempts: z.record(z.string(), z.number()),
  /** Why the request stopped (or why it needs a person), in the server's English words. */
  needsAttention: z.string().nullable(),
  /**
   * The same reason as a code of `satAttentionCodes` with its params (SAT code and message,
   * dates…), for clients that say it in their own language; null when none or written before codes.
   */
  attention: satAttention.nullable(),
  submittedAt: z.string().nullable(),
  lastVerifiedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
  createdAt: z.string(),
});

/** `GET /api/v1/taxpayers/:rfc/sat-requests`: newest first. */
export const satRequestListQuery = pageQuery().extend({
  state: satRequestState.optional(),
  type: satRequestType.optional(),
  direction: satDirection.optional(),
  year: queryNumber().int().min(2000).max(2100).optional(),
});
export const satRequestPage = pageOf(satRequestItem);

/**
 * One line of a request's history: a SAT call (`call`), a state change, a package or a note.
 * `code` (of `satHistoryCodes`) and `params` say what happened; `message` says it in English and is
 * all that lines written before codes existed have (`code` null).
 */
export const satHistoryEvent = z.object({
  at: z.string(),
  type: z.string(),
  operation: z.string().nullable(),
  fromState: z.string().nullable(),
  toState: z.string().nullable(),
  satCode: z.number().nullable(),
  satMessage: z.string().nullable(),
  message: z.string(),
  code: z.enum(satHistoryCodes).nullable(),
  params: satParams.nullable(),
});

export const satPackage = z.object({
  satPackageId: z.string(),
  type: z.string(),
  /** pending | stored | failed */
  state: z.string(),
  storageKey: z.string(),
  size: z.number().nullable(),
  sha256: z.string().nullable(),
  downloadAttempts: z.number(),
  storedAt: z.string().nullable(),
});

/** `GET /api/v1/taxpayers/:rfc/sat-requests/:id`. */
export const satRequestDetail = satRequestItem.extend({
  history: z.array(satHistoryEvent),
  packages: z.array(satPackage),
  /** The requests it replaced, was replaced by, was split from or split into. */
  related: z.array(satRequestItem),
});

/**
 * `POST /api/v1/taxpayers/:rfc/sat-requests`: a period (a bare `YYYY-MM-DD` reads as the whole
 * day) with v1.5 filters, or a folio alone. Checked against the SAT's rules before it is sent.
 */
export const createSatRequestBody = z.object({
  type: satRequestType.default('cfdi'),
  direction: satDirection.optional(),
  period: z.object({ start: z.string().max(19), end: z.string().max(19) }).optional(),
  filters: satRequestFilters.strict().default({}),
  folio: z.string().max(64).optional(),
});

/** `POST /api/v1/taxpayers/:rfc/sat-requests/year`. */
export const fileSatYearBody = z.object({
  year: z.number().int().min(2000).max(2100),
  direction: z.enum(['issued', 'received', 'both']).default('both'),
});
/** What filing a year did: new requests, and those already open with the same parameters. */
export const fileSatYearResult = z.object({
  created: z.number(),
  existing: z.number(),
  items: z.array(satRequestItem),
});

/**
 * Most folio requests one missing-XML call files. The SAT takes one request per UUID; 200 keeps a
 * call short (one row and one history line each) and the filing job's pass within minutes, and a
 * person can press again for the next 200 (`left` says how many remain).
 */
export const MISSING_XML_MAX_PER_CALL = 200;

/**
 * `POST /api/v1/taxpayers/:rfc/sat-requests/missing-xml`: the taxpayer's metadata rows without
 * their CFDI (not cancelled), narrowed by direction and days (`issued_at`), or the given `uuids`
 * (still only the missing ones among them).
 */
export const fileMissingXmlBody = z
  .object({
    direction: satDirection.optional(),
    from: calendarDaySchema.optional(),
    to: calendarDaySchema.optional(),
    uuids: z
      .array(
        z
          .string()
          .regex(UUID_PATTERN, 'not a UUID')
          .transform((u) => u.toLowerCase()),
      )
      .min(1)
      .max(MISSING_XML_MAX_PER_CALL)
      .optional(),
  })
  .strict();
/** What one call did: folio requests filed, UUIDs skipped (an open folio request exists), left for another call. */
export const fileMissingXmlResult = z.object({
  /** Missing CFDI the selection holds (not cancelled, not in the vault). */
  missing: z.number().int(),
  filed: z.number().int(),
  skipped: z.number().int(),
  left: z.number().int(),
  /** The requests filed by this call. */
  items: z.array(satRequestItem),
});

/** `POST /api/v1/sat/sync`: the queued job, or null when one is already waiting. */
export const syncSatResult = z.object({ jobId: z.string().nullable() });

export type SatRequestType = z.output<typeof satRequestType>;
export type SatDirection = z.output<typeof satDirection>;
/**
 * `GET /api/v1/taxpayers/{rfc}/sat-requests/years`: per year with requests (newest first), how its
 * requests stand and whether the year is complete: every day of it the SAT serves (up to now in the
 * current year) is covered, for CFDI and metadata in both directions, by downloaded (or empty)
 * requests that nothing narrows.
 */
export const satYearPart = z.object({
  kind: z.enum(['cfdi', 'metadata']),
  direction: z.enum(['issued', 'received']),
});
export const satYearProgress = z.object({
  year: z.number().int(),
  complete: z.boolean(),
  states: z.partialRecord(satRequestState, z.number().int()),
  active: z.number().int().describe('Requests still worked on with the SAT'),
  failed: z.number().int().describe('Stopped, waiting for a person'),
  missing: z.array(satYearPart).describe('Parts with days no finished request covers yet'),
  until: z.string().describe('The last moment the year can hold today (Dec 31, or now this year)'),
});
export const satYearProgressList = z.object({ items: z.array(satYearProgress) });
export type SatYearProgress = z.output<typeof satYearProgress>;

export type SatRequestFilters = z.output<typeof satRequestFilters>;
export type SatRequestItem = z.output<typeof satRequestItem>;
export type SatRequestListQuery = z.input<typeof satRequestListQuery>;
export type SatRequestPage = z.output<typeof satRequestPage>;
export type SatHistoryEvent = z.output<typeof satHistoryEvent>;
export type SatPackage = z.output<typeof satPackage>;
export type SatRequestDetail = z.output<typeof satRequestDetail>;
export type CreateSatRequestBody = z.input<typeof createSatRequestBody>;
export type FileSatYearBody = z.input<typeof fileSatYearBody>;
export type FileSatYearResult = z.output<typeof fileSatYearResult>;
export type FileMissingXmlBody = z.input<typeof fileMissingXmlBody>;
export type FileMissingXmlResult = z.output<typeof fileMissingXmlResult>;
export type SyncSatResult = z.output<typeof syncSatResult>;

/**
 * What the SAT conversation writes in a request's history and in its "needs attention" reason,
 * as codes with params the web says in the person's language. The server also keeps an English
 * `message` (for the API, the CLI and the log); rows written before these codes existed have only
 * that message, which the web shows as it is.
 */

/** Why Bóveda filed a request again on its own (the recovery rules). */
export const satRecoveryCauses = ['stale', 'expired', 'packagesGone'] as const;
export type SatRecoveryCause = (typeof satRecoveryCauses)[number];

/**
 * Why a request stopped (state `failed`) or needs a person: the `needsAttention` code of a request
 * and the code of the history line that stopped it. Params: `satCode` and `satMessage` (the SAT's
 * own Spanish words) for the SAT's answers; `cause` for `already_refiled`; `replacementId`,
 * `reason` (one of these codes) for `replacement_refused`; `rfc`, `detail` for the e.firma ones.
 */
export const satAttentionCodes = [
  'sat_efirma_refused', // 300
  'sat_malformed', // 301
  'sat_signature_mismatch', // 302, 303
  'sat_certificate_revoked', // 304
  'sat_certificate_not_efirma', // 305
  'sat_period_limit', // 5002
  'sat_duplicate_open', // 5005
  'sat_folio_daily_limit', // 5011
  'sat_cfdi_cancelled', // 5012
  'sat_refused', // any other final answer
  'sat_processing_error', // EstadoSolicitud 4
  'not_splittable', // over the SAT's limit and one day already
  'already_refiled', // a recovery cause happened again after one re-filing
  'replacement_refused', // the SAT refused the replacement of this request
  'replacement_refused_kept', // …but still holds this one open, so Bóveda keeps verifying it
  'efirma_missing', // the taxpayer's e.firma is not registered any more
  'efirma_unusable', // the stored e.firma cannot be opened safely
] as const;
export type SatAttentionCode = (typeof satAttentionCodes)[number];

/**
 * The other lines of a request's history. Params: `request_created` {origin};
 * `state_changed` {from, to}; `sat_call` {operation, satCode, satMessage};
 * `sat_call_failed` {operation}; `filed` {satRequestId}; `retired` {replacementId, satRequestId};
 * `refiling` {cause}; `replaces` {requestId, satRequestId, cause}; `split` {satCode, children};
 * `ready` {count, packages}; `package_stored` {packageId, how, size};
 * `package_gone` {packageId, satCode, satMessage}; `filed_again_as` / `filed_again_replaces` {requestId}.
 */
export const satEventCodes = [
  'request_created',
  'state_changed',
  'sat_call',
  'sat_call_failed',
  'filed',
  'retired',
  'refiling',
  'replaces',
  'split',
  'ready',
  'package_stored',
  'package_gone',
  'filed_again_as',
  'filed_again_replaces',
] as const;
export type SatEventCode = (typeof satEventCodes)[number];

/** Every code a history line can carry: its own events and the reasons that stop a request. */
export const satHistoryCodes = [...satEventCodes, ...satAttentionCodes] as const;
export type SatHistoryCode = SatEventCode | SatAttentionCode;

/** The values a history code or reason names (ids, SAT codes, counts, dates). */
export type SatHistoryParams = Record<string, string | number | string[] | null>;

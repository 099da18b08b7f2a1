import type { SatAttentionCode, SatHistoryParams, SatRecoveryCause } from '@boveda/contracts';
import type { SatHistoryMessages, SatReasonText } from './sat-history-es-MX.js';

const str = (v: SatHistoryParams[string] | undefined) => (Array.isArray(v) ? v.join(', ') : String(v ?? ''));
const said = (p: SatHistoryParams) => (p.satMessage ? ` "${str(p.satMessage)}"` : '');
const sat = (p: SatHistoryParams) => `the SAT answered ${str(p.satCode)}${said(p)}`;

const causes: Record<SatRecoveryCause, string> = {
  stale: 'it stayed accepted or in progress at the SAT for more than 4 days',
  expired: 'the SAT says it expired (packages live 72 hours)',
  packagesGone:
    'its packages are gone at the SAT (probably downloaded elsewhere, e.g. from the SAT portal, or over the download limit)',
};
const cause = (p: SatHistoryParams) => causes[str(p.cause) as SatRecoveryCause] ?? str(p.cause);

const origins: Record<string, string> = {
  api: 'single',
  year: 'yearly download',
  recovery: 'automatic recovery',
  split: 'period split',
  retry: 'retry',
};

const attention: Record<SatAttentionCode, SatReasonText> = {
  sat_efirma_refused: (p) =>
    `The SAT does not accept this e.firma (${sat(p)}), even with a fresh token. Check that the e.firma is current and registered with the SAT, then file the request again.`,
  sat_malformed: (p) =>
    `The SAT considers the request malformed (${sat(p)}). Check the period and filters, then file it again.`,
  sat_signature_mismatch: (p) =>
    `The SAT says the signature does not match the taxpayer (${sat(p)}). Register this taxpayer's e.firma again.`,
  sat_certificate_revoked: (p) =>
    `The certificate is revoked or expired (${sat(p)}). Register the taxpayer's current e.firma.`,
  sat_certificate_not_efirma: (p) =>
    `The certificate is not valid for this service (${sat(p)}): a CSD or a test certificate is not an e.firma. Register the taxpayer's e.firma.`,
  sat_period_limit: (p) =>
    `The SAT's lifetime limit for this exact period is used up (${sat(p)}): a CFDI period can be requested only twice. Request a slightly different period or use the metadata.`,
  sat_duplicate_open: (p) =>
    `The SAT already holds an open request with these exact parameters (${sat(p)}), maybe filed outside Bóveda. Wait for it to finish and file again.`,
  sat_folio_daily_limit: (p) =>
    `The daily limit for this folio is reached (${sat(p)}). File it again tomorrow.`,
  sat_cfdi_cancelled: (p) => `The CFDI is cancelled and the SAT does not hand out its XML (${sat(p)}).`,
  sat_refused: (p) =>
    `The request was stopped because ${sat(p)}. File it again or contact support with this code.`,
  sat_processing_error: (p) =>
    `The SAT reports an error processing this request (EstadoSolicitud 4, code ${str(p.satCode)}). File it again.`,
  not_splittable: (p) => `Over the SAT's limit (${str(p.satCode)}) and the period cannot be split further.`,
  already_refiled: (p) =>
    `It was already filed again once because ${cause(p)}; Bóveda does not retry a second time. File it again by hand if the data is still needed.`,
  replacement_refused: (p) =>
    `The SAT refused the replacement request ${str(p.replacementId)} (SAT ${str(p.satCode)}).` +
    (p.reason && p.reason !== 'replacement_refused'
      ? ` ${attention[p.reason as SatAttentionCode]?.(p) ?? ''}`
      : ''),
  replacement_refused_kept: (p) =>
    `The SAT refused the replacement request ${str(p.replacementId)} (SAT ${str(p.satCode)}). The SAT still holds this request open; Bóveda keeps verifying it.`,
  efirma_missing: (p) =>
    `The e.firma of ${str(p.rfc)} is not registered (or was removed). Register it again and file the request again.`,
  efirma_unusable: (p) =>
    `The stored e.firma of ${str(p.rfc)} cannot be used. Register it again and file the request again.`,
};

export const satHistoryEn: SatHistoryMessages = {
  attention,
  events: {
    request_created: (p) => `Request created (${origins[str(p.origin)] ?? str(p.origin)}).`,
    state_changed: (p, h) => `${h.state(str(p.from))} → ${h.state(str(p.to))}`,
    sat_call: (p, h) => `${h.operation(str(p.operation))}: ${sat(p)}.`,
    sat_call_failed: (p, h) =>
      `${h.operation(str(p.operation))}: the SAT did not answer; it is retried on the next sync.`,
    filed: (p) => `Filed with the SAT as ${str(p.satRequestId)}.`,
    retired: (p) => `Retired: replaced by request ${str(p.replacementId)} (${str(p.satRequestId)}).`,
    refiling: (p) => `Filing it again because ${cause(p)}.`,
    replaces: (p) =>
      `Replaces request ${str(p.requestId)} (${p.satRequestId ? str(p.satRequestId) : 'never filed'}) because ${cause(p)}.`,
    split: (p) =>
      `Over the SAT's limit (${str(p.satCode)}): split into ${Array.isArray(p.children) ? p.children.join(' and ') : ''}.`,
    ready: (p) =>
      `Ready: ${str(p.count)} ${p.count === 1 ? 'document' : 'documents'} in ${str(p.packages)} ${p.packages === 1 ? 'package' : 'packages'}.`,
    package_stored: (p) =>
      `Package ${str(p.packageId)} stored (${p.how === 'found_in_storage' ? 'found in storage after an interrupted run' : 'downloaded'}, ${str(p.size)} bytes).`,
    package_gone: (p) => `Package ${str(p.packageId)} is gone at the SAT: ${sat(p)}.`,
    filed_again_as: (p) => `Filed again by a person as request ${str(p.requestId)}.`,
    filed_again_replaces: (p) => `Filed again by a person; replaces request ${str(p.requestId)}.`,
  },
};

import type { SatAttentionCode, SatHistoryParams, SatRecoveryCause } from '@boveda/contracts';

/**
 * Why a request needs a person: a code of `satAttentionCodes` with the values it names (the web
 * says it in Spanish) and the same reason in English (`text`: the API's `needsAttention`, the CLI,
 * the history line's `message`).
 */
export interface AttentionReason {
  code: SatAttentionCode;
  params: SatHistoryParams;
  text: string;
}

const satAnswerCodes: Record<number, SatAttentionCode> = {
  300: 'sat_efirma_refused',
  301: 'sat_malformed',
  302: 'sat_signature_mismatch',
  303: 'sat_signature_mismatch',
  304: 'sat_certificate_revoked',
  305: 'sat_certificate_not_efirma',
  5002: 'sat_period_limit',
  5005: 'sat_duplicate_open',
  5011: 'sat_folio_daily_limit',
  5012: 'sat_cfdi_cancelled',
};

/**
 * Reasons a person can act on, for the SAT answers that stop a request for good. Each names the
 * SAT code and message, so support can match it with the SAT's own documentation.
 */
export function stopReason(satCode: number, satMessage: string): AttentionReason {
  const said = `the SAT answered ${satCode} "${satMessage}"`;
  const reason = (text: string): AttentionReason => ({
    code: satAnswerCodes[satCode] ?? 'sat_refused',
    params: { satCode, satMessage },
    text,
  });
  switch (satCode) {
    case 300:
      return reason(
        `The SAT does not accept this e.firma (${said}), even with a fresh token. Check that the e.firma is current and registered with the SAT, then file the request again.`,
      );
    case 301:
      return reason(
        `The SAT considers the request malformed (${said}). Check the period and filters, then file it again.`,
      );
    case 302:
    case 303:
      return reason(
        `The SAT says the signature does not match the taxpayer (${said}). Register this taxpayer's e.firma again.`,
      );
    case 304:
      return reason(
        `The certificate is revoked or expired (${said}). Register the taxpayer's current e.firma.`,
      );
    case 305:
      return reason(
        `The certificate is not valid for this service (${said}): a CSD or a test certificate is not an e.firma. Register the taxpayer's e.firma.`,
      );
    case 5002:
      return reason(
        `The SAT's lifetime limit for this exact period is used up (${said}): a CFDI period can be requested only twice. Request a slightly different period or use the metadata.`,
      );
    case 5005:
      return reason(
        `The SAT already holds an open request with these exact parameters (${said}), maybe filed outside Bóveda. Wait for it to finish and file again.`,
      );
    case 5011:
      return reason(`The daily limit for this folio is reached (${said}). File it again tomorrow.`);
    case 5012:
      return reason(`The CFDI is cancelled and the SAT does not hand out its XML (${said}).`);
    default:
      return reason(
        `The request was stopped because ${said}. File it again or contact support with this code.`,
      );
  }
}

export const isCertificateProblem = (code: number) => code >= 300 && code <= 305;

export type RecoveryCause = SatRecoveryCause;

export const causeText: Record<RecoveryCause, string> = {
  stale: 'it stayed accepted or in progress at the SAT for more than 4 days',
  expired: 'the SAT says it expired (packages live 72 hours)',
  packagesGone:
    'its packages are gone at the SAT (probably downloaded elsewhere, e.g. from the SAT portal, or over the download limit)',
};

/** EstadoSolicitud 4: the SAT failed processing the request. */
export const processingError = (satCode: number): AttentionReason => ({
  code: 'sat_processing_error',
  params: { satCode },
  text: `The SAT reports an error processing this request (EstadoSolicitud 4, code ${satCode}). File it again.`,
});

export const notSplittable = (satCode: number): AttentionReason => ({
  code: 'not_splittable',
  params: { satCode },
  text: `Over the SAT's limit (${satCode}) and the period cannot be split further.`,
});

export const alreadyRefiled = (cause: RecoveryCause): AttentionReason => ({
  code: 'already_refiled',
  params: { cause },
  text: `It was already filed again once because ${causeText[cause]}; Bóveda does not retry a second time. File it again by hand if the data is still needed.`,
});

const refusedText = (replacementId: string, satCode: number) =>
  `The replacement ${replacementId} was refused (SAT ${satCode}).`;

/** The replacement was refused and the original is stopped: why, with the SAT's reason inside. */
export const replacementRefused = (
  replacementId: string,
  satCode: number,
  inner: AttentionReason,
): AttentionReason => ({
  code: 'replacement_refused',
  params: { replacementId, satCode, reason: inner.code, satMessage: inner.params.satMessage ?? null },
  text: `${refusedText(replacementId, satCode)} ${inner.text}`,
});

/** The replacement was refused with 5005: the SAT still holds the original open. */
export const replacementRefusedKept = (replacementId: string, satCode: number): AttentionReason => ({
  code: 'replacement_refused_kept',
  params: { replacementId, satCode },
  text: `${refusedText(replacementId, satCode)} The SAT still holds this request open; Bóveda keeps verifying it.`,
});

export const efirmaMissing = (rfc: string): AttentionReason => ({
  code: 'efirma_missing',
  params: { rfc },
  text: `The e.firma of ${rfc} is not registered (or was removed). Register it again and file the request again.`,
});

export const efirmaUnusable = (rfc: string, detail: string): AttentionReason => ({
  code: 'efirma_unusable',
  params: { rfc, detail },
  text: `The stored e.firma of ${rfc} cannot be used (${detail}). Register it again and file the request again.`,
});

/** The request's columns that keep a reason (or clear it with null). */
export const attentionColumns = (reason: AttentionReason | null) => ({
  needsAttentionReason: reason?.text ?? null,
  needsAttentionCode: reason?.code ?? null,
  needsAttentionParams: reason?.params ?? null,
});

/** A history line that states a reason. */
export const reasonEvent = (reason: AttentionReason) => ({
  code: reason.code,
  params: reason.params,
  message: reason.text,
});

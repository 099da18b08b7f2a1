/**
 * Reasons a person can act on, for the SAT answers that stop a request for good. Each names the
 * SAT code and message, so support can match it with the SAT's own documentation.
 */
export function stopReason(code: number, message: string): string {
  const said = `the SAT answered ${code} "${message}"`;
  switch (code) {
    case 300:
      return `The SAT does not accept this e.firma (${said}), even with a fresh token. Check that the e.firma is current and registered with the SAT, then file the request again.`;
    case 301:
      return `The SAT considers the request malformed (${said}). Check the period and filters, then file it again.`;
    case 302:
    case 303:
      return `The SAT says the signature does not match the taxpayer (${said}). Register this taxpayer's e.firma again.`;
    case 304:
      return `The certificate is revoked or expired (${said}). Register the taxpayer's current e.firma.`;
    case 305:
      return `The certificate is not valid for this service (${said}): a CSD or a test certificate is not an e.firma. Register the taxpayer's e.firma.`;
    case 5002:
      return `The SAT's lifetime limit for this exact period is used up (${said}): a CFDI period can be requested only twice. Request a slightly different period or use the metadata.`;
    case 5005:
      return `The SAT already holds an open request with these exact parameters (${said}), maybe filed outside Bóveda. Wait for it to finish and file again.`;
    case 5011:
      return `The daily limit for this folio is reached (${said}). File it again tomorrow.`;
    case 5012:
      return `The CFDI is cancelled and the SAT does not hand out its XML (${said}).`;
    default:
      return `The request was stopped because ${said}. File it again or contact support with this code.`;
  }
}

export const isCertificateProblem = (code: number) => code >= 300 && code <= 305;

export type RecoveryCause = 'stale' | 'expired' | 'packagesGone';

export const causeText: Record<RecoveryCause, string> = {
  stale: 'it stayed accepted or in progress at the SAT for more than 4 days',
  expired: 'the SAT says it expired (packages live 72 hours)',
  packagesGone:
    'its packages are gone at the SAT (probably downloaded elsewhere, e.g. from the SAT portal, or over the download limit)',
};

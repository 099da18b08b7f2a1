import { type CodesOf, defineErrors } from '../../platform/errors/app-error.js';

export const satDownloadErrors = defineErrors({
  SAT_REQUEST_NOT_FOUND: { status: 404, title: 'SAT request not found' },
  SAT_REQUEST_NOT_RETRYABLE: { status: 409, title: 'Only a stopped request can be filed again' },
  TAXPAYER_NOT_FOUND: { status: 404, title: 'Taxpayer not found' },
  FOLIO_MUST_BE_ALONE: { status: 422, title: 'A folio request carries only the folio' },
  INVALID_FOLIO: { status: 422, title: 'The folio is not a UUID' },
  DIRECTION_REQUIRED: { status: 422, title: 'The direction (issued or received) is required' },
  INVALID_PERIOD: { status: 422, title: 'The period is not valid' },
  PERIOD_ORDER: { status: 422, title: 'The period must start before it ends' },
  PERIOD_TOO_OLD: { status: 422, title: 'The SAT serves only the last 6 years' },
  PERIOD_IN_FUTURE: { status: 422, title: 'The period starts in the future' },
  TOO_MANY_COUNTERPARTS: { status: 422, title: 'Too many counterpart RFCs' },
  INVALID_RFC: { status: 422, title: 'An RFC is not valid' },
  UNKNOWN_COMPLEMENTO: { status: 422, title: 'Unknown complemento' },
  RECEIVED_CFDI_ONLY_VIGENTE: { status: 422, title: 'Received CFDI can only be requested as vigente' },
  YEAR_OUT_OF_RANGE: { status: 422, title: 'That year is outside what the SAT serves' },
});

// Lets routes declare these codes in `schema.errors` (see platform/http/README.md).
declare module '../../platform/errors/app-error.js' {
  interface DeclarableErrorCodes extends CodesOf<typeof satDownloadErrors> {}
}

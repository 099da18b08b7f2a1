import { defineErrors } from '../../platform/errors/app-error.js';

/** The codes this module throws; statuses, titles and texts are in `@boveda/contracts`. */
export const satDownloadErrors = defineErrors(
  'SAT_REQUEST_NOT_FOUND',
  'SAT_REQUEST_NOT_RETRYABLE',
  'SAT_PACKAGE_NOT_FOUND',
  'TAXPAYER_NOT_FOUND',
  'FOLIO_MUST_BE_ALONE',
  'INVALID_FOLIO',
  'DIRECTION_REQUIRED',
  'INVALID_PERIOD',
  'PERIOD_ORDER',
  'PERIOD_TOO_OLD',
  'PERIOD_IN_FUTURE',
  'TOO_MANY_COUNTERPARTS',
  'INVALID_RFC',
  'UNKNOWN_COMPLEMENTO',
  'RECEIVED_CFDI_ONLY_VIGENTE',
  'YEAR_OUT_OF_RANGE',
);

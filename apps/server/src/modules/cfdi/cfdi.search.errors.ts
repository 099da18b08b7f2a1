import { defineErrors } from '../../platform/errors/app-error.js';

/** The codes this module throws; statuses, titles and texts are in `@boveda/contracts`. */
export const cfdiSearchErrors = defineErrors(
  'CFDI_NOT_FOUND',
  'CFDI_XML_UNAVAILABLE',
  'CFDI_XML_UNREADABLE',
  'CFDI_ZIP_TOO_LARGE',
  'CFDI_PDF_FAILED',
  'RECONCILIATION_PERIOD_TOO_LONG',
);

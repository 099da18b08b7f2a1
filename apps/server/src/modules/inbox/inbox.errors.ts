import { defineErrors } from '../../platform/errors/app-error.js';

/** The codes this module throws; statuses, titles and texts are in `@boveda/contracts`. */
export const inboxErrors = defineErrors(
  'INVOICE_NOT_FOUND',
  'INVOICE_FILE_NOT_FOUND',
  'INVOICE_NO_FILES',
  'INVOICE_TOO_MANY_FILES',
  'INVOICE_FILE_TOO_LARGE',
  'INVOICE_UNSUPPORTED_TYPE',
  'INVOICE_WRONG_STATE',
  'INVOICE_EDIT_CONFLICT',
  'INVOICE_INCOMPLETE',
  'INVOICE_DUPLICATE',
  'INVOICE_CATALOG_CODE_UNKNOWN',
);

import { defineErrors } from '../../platform/errors/app-error.js';

/** The codes this module throws; statuses, titles and texts are in `@boveda/contracts`. */
export const catalogErrors = defineErrors(
  'CATALOG_ENTRY_NOT_FOUND',
  'CATALOG_CODE_TAKEN',
  'CATALOG_IMPORT_INVALID',
);

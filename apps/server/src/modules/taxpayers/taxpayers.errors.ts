import { defineErrors } from '../../platform/errors/app-error.js';

/** The codes this module throws; statuses, titles and texts are in `@boveda/contracts`. */
export const taxpayerErrors = defineErrors(
  'EFIRMA_MISSING_FILE',
  'EFIRMA_NOT_A_CERTIFICATE',
  'EFIRMA_NOT_ISSUED_BY_SAT',
  'EFIRMA_NOT_A_KEY',
  'EFIRMA_KEY_UNSUPPORTED',
  'EFIRMA_IS_CSD',
  'EFIRMA_EXPIRED',
  'EFIRMA_NOT_YET_VALID',
  'EFIRMA_BAD_PASSWORD',
  'EFIRMA_KEY_MISMATCH',
  'EFIRMA_CHECK_UNAVAILABLE',
  'TAXPAYER_ALREADY_EXISTS',
  'TAXPAYER_NOT_FOUND',
);

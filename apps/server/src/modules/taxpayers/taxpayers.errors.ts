import { type TaxpayerErrorCode, taxpayerErrorMessages } from '@boveda/contracts';
import { type CodesOf, defineErrors } from '../../platform/errors/app-error.js';

const status: Record<TaxpayerErrorCode, number> = {
  EFIRMA_MISSING_FILE: 422,
  EFIRMA_NOT_A_CERTIFICATE: 422,
  EFIRMA_NOT_ISSUED_BY_SAT: 422,
  EFIRMA_NOT_A_KEY: 422,
  EFIRMA_KEY_UNSUPPORTED: 422,
  EFIRMA_IS_CSD: 422,
  EFIRMA_EXPIRED: 422,
  EFIRMA_NOT_YET_VALID: 422,
  EFIRMA_BAD_PASSWORD: 422,
  EFIRMA_KEY_MISMATCH: 422,
  EFIRMA_CHECK_UNAVAILABLE: 503,
  TAXPAYER_ALREADY_EXISTS: 409,
  TAXPAYER_NOT_FOUND: 404,
};

const spec = (code: TaxpayerErrorCode) => ({ status: status[code], title: taxpayerErrorMessages[code].en });

/**
 * Titles are the English texts of the shared catalogue (the web app shows the Spanish ones).
 * Details name the file or the date, never any part of the key or the password.
 */
export const taxpayerErrors = defineErrors({
  EFIRMA_MISSING_FILE: spec('EFIRMA_MISSING_FILE'),
  EFIRMA_NOT_A_CERTIFICATE: spec('EFIRMA_NOT_A_CERTIFICATE'),
  EFIRMA_NOT_ISSUED_BY_SAT: spec('EFIRMA_NOT_ISSUED_BY_SAT'),
  EFIRMA_NOT_A_KEY: spec('EFIRMA_NOT_A_KEY'),
  EFIRMA_KEY_UNSUPPORTED: spec('EFIRMA_KEY_UNSUPPORTED'),
  EFIRMA_IS_CSD: spec('EFIRMA_IS_CSD'),
  EFIRMA_EXPIRED: spec('EFIRMA_EXPIRED'),
  EFIRMA_NOT_YET_VALID: spec('EFIRMA_NOT_YET_VALID'),
  EFIRMA_BAD_PASSWORD: spec('EFIRMA_BAD_PASSWORD'),
  EFIRMA_KEY_MISMATCH: spec('EFIRMA_KEY_MISMATCH'),
  EFIRMA_CHECK_UNAVAILABLE: spec('EFIRMA_CHECK_UNAVAILABLE'),
  TAXPAYER_ALREADY_EXISTS: spec('TAXPAYER_ALREADY_EXISTS'),
  TAXPAYER_NOT_FOUND: spec('TAXPAYER_NOT_FOUND'),
});

// Lets routes declare these codes in `schema.errors` (see platform/http/README.md).
declare module '../../platform/errors/app-error.js' {
  interface DeclarableErrorCodes extends CodesOf<typeof taxpayerErrors> {}
}

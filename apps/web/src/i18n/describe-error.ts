import { isErrorCode } from '@boveda/contracts';
import { ApiError, NetworkError } from '../api/errors.js';
import type { Messages } from './es-MX.js';

export interface ErrorDescription {
  message: string;
  /** Server text that adds something the code alone does not say (which field, which record). */
  detail?: string;
  requestId?: string;
}

// For these codes the server's `detail` names the specific problem, so it is worth showing too.
const codesWithUsefulDetail = new Set([
  'VALIDATION_FAILED',
  'BAD_REQUEST',
  'ALREADY_EXISTS',
  'CONFLICT',
  'UNPROCESSABLE',
  'WEAK_PASSWORD',
  'YEAR_OUT_OF_RANGE',
  'INVALID_RFC',
  'INVALID_PERIOD',
]);

export function describeError(error: unknown, t: Messages): ErrorDescription {
  if (error instanceof NetworkError) return { message: t.errors.network };
  if (error instanceof ApiError) {
    const { problem } = error;
    const known = isErrorCode(problem.code) ? t.errors.codes[problem.code] : undefined;
    const fieldErrors = problem.errors
      ?.map((e) => (e.path ? `${e.path}: ${e.message}` : e.message))
      .join('; ');
    const serverText = fieldErrors || problem.detail;
    if (known) {
      return {
        message: known,
        detail: codesWithUsefulDetail.has(problem.code) ? serverText : undefined,
        requestId: problem.requestId,
      };
    }
    return { message: problem.detail ?? problem.title, requestId: problem.requestId };
  }
  return { message: t.errors.unknown };
}

import { isErrorCode, type ProblemDetails } from '@boveda/contracts';
import { ApiError, NetworkError } from '../api/errors.js';
import { describeIssue } from './describe-issue.js';
import type { Messages } from './es-MX.js';
import { lookup } from './lookup.js';

export interface ErrorDescription {
  message: string;
  /** What adds something the code alone does not say (which field, which rule, which record). */
  detail?: string;
  requestId?: string;
}

// For these codes the server's English `detail` names the specific problem (a record, a range),
// so an English reader gets it too; a Spanish one gets only what has a code and params.
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

/** The detail said from codes and params: each field error, or the password rule broken. */
function detailFromCodes(problem: ProblemDetails, t: Messages): string | undefined {
  if (problem.errors?.length) return problem.errors.map((e) => describeIssue(e, t)).join('; ');
  const metric = problem.params?.metric;
  if (
    (problem.code === 'PLAN_QUOTA_EXCEEDED' || problem.code === 'PLAN_LIMIT_REACHED') &&
    typeof metric === 'string' &&
    metric in t.plan.metrics
  )
    return t.plan.limitDetail(
      t.plan.metrics[metric as keyof typeof t.plan.metrics],
      String(problem.params?.used ?? '?'),
      String(problem.params?.limit ?? '?'),
    );
  const rule = problem.params?.rule;
  if (problem.code === 'WEAK_PASSWORD' && typeof rule === 'string')
    return lookup(t.validation.passwordRules, rule)?.(problem.params ?? {});
  return undefined;
}

export function describeError(error: unknown, t: Messages): ErrorDescription {
  if (error instanceof NetworkError) return { message: t.errors.network };
  if (error instanceof ApiError) {
    const { problem } = error;
    const known = isErrorCode(problem.code) ? t.errors.codes[problem.code] : undefined;
    const fromCodes = detailFromCodes(problem, t);
    if (known) {
      const serverText =
        t.validation.showServerDetail && codesWithUsefulDetail.has(problem.code) ? problem.detail : undefined;
      return { message: known, detail: fromCodes ?? serverText, requestId: problem.requestId };
    }
    // A code this web does not know (a newer server): its title and detail are all there is.
    return { message: problem.detail ?? problem.title, requestId: problem.requestId };
  }
  return { message: t.errors.unknown };
}

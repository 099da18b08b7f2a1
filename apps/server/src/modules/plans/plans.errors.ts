import { defineErrors } from '../../platform/errors/app-error.js';

/** The codes this module throws; statuses, titles and texts are in `@boveda/contracts`. */
export const planErrors = defineErrors(
  'PLAN_QUOTA_EXCEEDED',
  'PLAN_LIMIT_REACHED',
  'PLAN_NOT_FOUND',
  'PLAN_CODE_TAKEN',
  'PLAN_IN_USE',
  'OPERATOR_API_DISABLED',
  'OPERATOR_TOKEN_INVALID',
  'TENANT_NOT_FOUND',
);

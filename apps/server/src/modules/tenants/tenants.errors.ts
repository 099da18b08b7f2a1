import { defineErrors } from '../../platform/errors/app-error.js';

/** The codes this module throws; statuses, titles and texts are in `@boveda/contracts`. */
export const tenantErrors = defineErrors(
  'TENANT_NOT_FOUND',
  'TENANT_SLUG_TAKEN',
  'USER_ALREADY_MEMBER',
  'WEAK_PASSWORD',
  'INVITATION_NOT_FOUND',
  'INVITATION_EXPIRED',
  'MEMBER_NOT_FOUND',
  'CANNOT_CHANGE_SELF',
  'LAST_OWNER',
  'MEMBER_DEACTIVATED',
  'CURRENT_PASSWORD_WRONG',
  'PASSWORD_RESET_INVALID',
);

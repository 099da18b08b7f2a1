import { defineErrors } from '../../platform/errors/app-error.js';

export const authErrors = defineErrors({
  NOT_A_MEMBER: { status: 403, title: 'You do not belong to that organization' },
});

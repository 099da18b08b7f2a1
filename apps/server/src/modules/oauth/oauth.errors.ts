import { defineErrors } from '../../platform/errors/app-error.js';

/** The codes this module throws; statuses, titles and texts are in `@boveda/contracts`. */
export const oauthErrors = defineErrors(
  'OAUTH_CLIENT_NOT_FOUND',
  'OAUTH_CLIENT_INVALID',
  'OAUTH_REQUEST_INVALID',
);

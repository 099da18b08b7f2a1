import { defineErrors } from '../../platform/errors/app-error.js';

/** The codes this module throws; statuses, titles and texts are in `@boveda/contracts`. */
export const suggestionErrors = defineErrors('SUGGESTION_NOT_FOUND', 'SUGGESTION_ALREADY_DECIDED');

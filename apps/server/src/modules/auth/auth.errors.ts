import { type CodesOf, defineErrors } from '../../platform/errors/app-error.js';

export const authErrors = defineErrors({
  NOT_A_MEMBER: { status: 403, title: 'You do not belong to that organization' },
});

// Lets routes declare these codes in `schema.errors` (see platform/http/README.md).
declare module '../../platform/errors/app-error.js' {
  interface DeclarableErrorCodes extends CodesOf<typeof authErrors> {}
}

import { type CodesOf, defineErrors } from '../../platform/errors/app-error.js';

export const tenantErrors = defineErrors({
  TENANT_NOT_FOUND: { status: 404, title: 'Organization not found' },
  TENANT_SLUG_TAKEN: { status: 409, title: 'An organization with that slug already exists' },
  USER_ALREADY_MEMBER: { status: 409, title: 'That user already belongs to this organization' },
  WEAK_PASSWORD: { status: 422, title: 'The password is too weak' },
  INVITATION_NOT_FOUND: { status: 404, title: 'No such open invitation' },
  INVITATION_EXPIRED: { status: 409, title: 'The invitation has expired; ask for a new one' },
});

// Lets routes declare these codes in `schema.errors` (see platform/http/README.md).
declare module '../../platform/errors/app-error.js' {
  interface DeclarableErrorCodes extends CodesOf<typeof tenantErrors> {}
}

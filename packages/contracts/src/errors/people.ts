import { defineErrorCatalogue } from './define.js';

/** Organizations, people, invitations and sign-in. */
export const peopleErrors = defineErrorCatalogue({
  NOT_A_MEMBER: {
    status: 403,
    title: 'You do not belong to that organization',
    text: {
      es: 'No perteneces a esa organización. Revisa el identificador o déjalo vacío.',
      en: 'You do not belong to that organization. Check the slug or leave it empty.',
    },
    when: 'Sign-in (or a switch) names an organization the person is not a member of, e.g. before accepting its invitation.',
  },
  TENANT_NOT_FOUND: {
    status: 404,
    title: 'Organization not found',
    text: { es: 'No existe esa organización.', en: 'That organization does not exist.' },
    when: 'No organization has that slug (CLI).',
  },
  TENANT_SLUG_TAKEN: {
    status: 409,
    title: 'An organization with that slug already exists',
    text: {
      es: 'Ya hay una organización con ese identificador.',
      en: 'An organization with that slug already exists.',
    },
    when: 'Creating an organization with an exact slug that is taken.',
  },
  USER_ALREADY_MEMBER: {
    status: 409,
    title: 'That user already belongs to this organization',
    text: {
      es: 'Esa persona ya pertenece a la organización.',
      en: 'That person already belongs to the organization.',
    },
    when: 'Inviting someone who is already a member of the organization.',
  },
  WEAK_PASSWORD: {
    status: 422,
    title: 'The password is too weak',
    text: { es: 'La contraseña es demasiado débil.', en: 'The password is too weak.' },
    when: 'A password under 10 characters; `params.rule` names the broken rule (`too_short`) and `params.minLength` its length.',
  },
  INVITATION_NOT_FOUND: {
    status: 404,
    title: 'No such open invitation',
    text: { es: 'La invitación ya no está abierta.', en: 'The invitation is no longer open.' },
    when: 'Answering or revoking an invitation that is not open, or is addressed to someone else.',
  },
  INVITATION_EXPIRED: {
    status: 409,
    title: 'The invitation has expired; ask for a new one',
    text: {
      es: 'La invitación venció; pide una nueva.',
      en: 'The invitation has expired; ask for a new one.',
    },
    when: 'Accepting or declining an invitation past its 14 days.',
  },
  MEMBER_NOT_FOUND: {
    status: 404,
    title: 'No such person in this organization',
    text: {
      es: 'Esa persona no pertenece a la organización.',
      en: 'That person does not belong to the organization.',
    },
    when: 'Changing, deactivating, removing or resetting the password of someone who is not a member.',
  },
  CANNOT_CHANGE_SELF: {
    status: 403,
    title: 'You cannot change your own membership',
    text: {
      es: 'No puedes cambiar tu propio rol ni desactivarte o quitarte; pídeselo a otra persona con permisos.',
      en: 'You cannot change your own role, deactivate or remove yourself; ask someone else with the rights.',
    },
    when: 'A person changes their own role, or deactivates or removes themselves.',
  },
  LAST_OWNER: {
    status: 409,
    title: 'The organization must keep at least one active owner',
    text: {
      es: 'La organización debe conservar al menos un propietario activo.',
      en: 'The organization must keep at least one active owner.',
    },
    when: 'Demoting, deactivating or removing the only active owner.',
  },
  MEMBER_DEACTIVATED: {
    status: 409,
    title: 'That person is deactivated',
    text: {
      es: 'Esa persona está desactivada; reactívala primero.',
      en: 'That person is deactivated; reactivate them first.',
    },
    when: 'Sending a password reset link to a deactivated member.',
  },
  CURRENT_PASSWORD_WRONG: {
    status: 422,
    title: 'The current password is not right',
    text: {
      es: 'La contraseña actual no es correcta.',
      en: 'The current password is not right.',
    },
    when: 'Changing your own password with a wrong current password.',
  },
  PASSWORD_RESET_INVALID: {
    status: 400,
    title: 'The password reset link is not valid any more',
    text: {
      es: 'El enlace para restablecer la contraseña ya no es válido (venció o ya se usó). Pide uno nuevo.',
      en: 'The password reset link is no longer valid (it expired or was already used). Ask for a new one.',
    },
    when: 'Confirming a reset with an unknown, used or expired token.',
  },
});

import { defineErrorCatalogue } from './define.js';

/**
 * OAuth clients (`/api/v1/oauth-clients`) and the consent page's API. The protocol endpoints
 * (`/oauth/token`, `/oauth/authorize`, `/oauth/revoke`) answer RFC 6749 JSON errors instead.
 */
export const oauthErrors = defineErrorCatalogue({
  OAUTH_CLIENT_NOT_FOUND: {
    status: 404,
    title: 'OAuth client not found',
    text: { es: 'No se encontró esa aplicación.', en: 'That application was not found.' },
    when: 'No OAuth client with that id (or client_id) in the organization, or it was revoked.',
  },
  OAUTH_CLIENT_INVALID: {
    status: 422,
    title: 'The OAuth client settings do not fit together',
    text: {
      es: 'Una aplicación pública necesita al menos una URI de redirección.',
      en: 'A public application needs at least one redirect URI.',
    },
    when: 'A public client without redirect URIs, or removing the last redirect URI of one.',
  },
  OAUTH_REQUEST_INVALID: {
    status: 400,
    title: 'The authorization request is not valid',
    text: {
      es: 'La solicitud de autorización de la aplicación no es válida.',
      en: 'The application’s authorization request is not valid.',
    },
    when: 'The consent page was opened with a redirect URI the client does not have, an unknown scope, or a scope above the client’s role.',
  },
});

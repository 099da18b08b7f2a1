import { defineErrorCatalogue } from './define.js';

/** Webhook endpoints, messages and their delivery log. */
export const webhookErrors = defineErrorCatalogue({
  WEBHOOK_ENDPOINT_NOT_FOUND: {
    status: 404,
    title: 'Webhook endpoint not found',
    text: { es: 'No se encontró ese endpoint de webhooks.', en: 'That webhook endpoint was not found.' },
    when: 'No endpoint with that id in the organization.',
  },
  WEBHOOK_MESSAGE_NOT_FOUND: {
    status: 404,
    title: 'Webhook message not found',
    text: { es: 'No se encontró ese mensaje de webhook.', en: 'That webhook message was not found.' },
    when: 'No message with that id in the organization (or it was not sent to that endpoint).',
  },
  WEBHOOK_URL_INVALID: {
    status: 422,
    title: 'The endpoint URL cannot be used',
    text: {
      es: 'La URL del endpoint no es válida: debe ser http(s) con un host, sin usuario ni contraseña.',
      en: 'The endpoint URL is not valid: it must be http(s) with a host and no user or password.',
    },
    when: 'Not a URL, another scheme, credentials in the URL, or a fragment.',
  },
  WEBHOOK_URL_NOT_HTTPS: {
    status: 422,
    title: 'The endpoint URL must use https',
    text: {
      es: 'Este servidor solo envía webhooks a direcciones https://.',
      en: 'This server only sends webhooks to https:// addresses.',
    },
    when: 'WEBHOOK_REQUIRE_HTTPS is on and the URL is http://.',
  },
  WEBHOOK_URL_BLOCKED: {
    status: 422,
    title: 'The endpoint URL points to a private or reserved address',
    text: {
      es: 'La URL apunta a una red privada o reservada; por seguridad no se envían webhooks ahí.',
      en: 'The URL points to a private or reserved network; webhooks are not sent there.',
    },
    when: 'The host resolves to a loopback, private, link-local or reserved address the operator has not allowed.',
  },
  WEBHOOK_TOO_MANY_ENDPOINTS: {
    status: 409,
    title: 'Too many webhook endpoints',
    text: {
      es: 'La organización ya tiene el máximo de endpoints de webhooks. Elimina uno que no uses.',
      en: 'The organization already has the maximum number of webhook endpoints. Delete one you do not use.',
    },
    when: 'More endpoints than WEBHOOK_MAX_ENDPOINTS per organization.',
  },
  WEBHOOK_ENDPOINT_DISABLED: {
    status: 409,
    title: 'The endpoint is disabled',
    text: {
      es: 'El endpoint está desactivado. Actívalo antes de enviarle mensajes.',
      en: 'The endpoint is disabled. Enable it before sending it messages.',
    },
    when: 'A test, resend or recover to an endpoint that is disabled.',
  },
});

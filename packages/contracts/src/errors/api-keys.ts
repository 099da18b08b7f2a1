import { defineErrorCatalogue } from './define.js';

/** API keys restricted by resource scopes, and signed requests (docs/signed-requests.md). */
export const apiKeyErrors = defineErrorCatalogue({
  API_KEY_SCOPE_MISSING: {
    status: 403,
    title: 'The API key is restricted to other resource scopes',
    text: {
      es: 'La clave API no tiene permiso para este recurso.',
      en: 'The API key is not allowed to use this resource.',
    },
    when: 'An API key with resource scopes calls a route that declares none of them; `params.requiredScope` names the scope the route takes, when it takes one.',
  },
  REQUEST_SIGNATURE_REQUIRED: {
    status: 401,
    title: 'This organization requires signed requests',
    text: {
      es: 'La organización exige solicitudes firmadas: falta la firma.',
      en: 'The organization requires signed requests: the signature is missing.',
    },
    when: 'An API key request without `Boveda-Timestamp`, `Boveda-Nonce` and `Boveda-Signature` while the organization requires signatures, or with only some of them.',
  },
  REQUEST_SIGNATURE_INVALID: {
    status: 401,
    title: 'The request signature is not valid',
    text: {
      es: 'La firma de la solicitud no es válida.',
      en: 'The request signature is not valid.',
    },
    when: 'The signature does not match the method, path and query, timestamp, nonce and body under the key’s signing secret, or a header is malformed, or the key has no signing secret.',
  },
  REQUEST_TIMESTAMP_OUT_OF_WINDOW: {
    status: 401,
    title: 'The request timestamp is outside the accepted window',
    text: {
      es: 'La hora de la solicitud está fuera del margen permitido (5 minutos). Revisa el reloj del sistema.',
      en: 'The request time is outside the allowed window (5 minutes). Check the system clock.',
    },
    when: '`Boveda-Timestamp` is more than 5 minutes before or after the server’s clock.',
  },
  REQUEST_NONCE_REPLAYED: {
    status: 401,
    title: 'The request nonce was already used',
    text: {
      es: 'Esta solicitud firmada ya se recibió antes; envía una nueva.',
      en: 'This signed request was already received; send a new one.',
    },
    when: 'A `Boveda-Nonce` this API key already used within the window (a replayed request).',
  },
});

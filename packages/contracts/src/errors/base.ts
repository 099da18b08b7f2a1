import { defineErrorCatalogue } from './define.js';

/** Codes any route may answer, whatever its module. */
export const baseErrors = defineErrorCatalogue({
  VALIDATION_FAILED: {
    status: 400,
    title: 'The request is not valid',
    text: { es: 'Revisa los datos del formulario.', en: 'Check the form fields.' },
    when: 'A parameter, query field or body field fails its schema; `errors` names each field.',
  },
  BAD_REQUEST: {
    status: 400,
    title: 'Bad request',
    text: { es: 'La solicitud no es válida.', en: 'The request is not valid.' },
    when: 'The request cannot be read at all: malformed JSON or multipart, NUL characters, a bad request line.',
  },
  INVALID_CURSOR: {
    status: 400,
    title: 'The cursor is not valid for this list',
    text: {
      es: 'La lista cambió; vuelve a cargarla desde el principio.',
      en: 'The list changed; load it again from the start.',
    },
    when: 'A `cursor` is not one this API returned for this list (forged, truncated, another sort).',
  },
  UNAUTHENTICATED: {
    status: 401,
    title: 'Authentication required',
    text: { es: 'Necesitas iniciar sesión.', en: 'You need to sign in.' },
    when: 'No session cookie and no API key, or the session expired.',
  },
  INVALID_CREDENTIALS: {
    status: 401,
    title: 'Invalid email or password',
    text: { es: 'Correo o contraseña incorrectos.', en: 'Incorrect email or password.' },
    when: 'Sign-in with an unknown email or a wrong password (the two are not told apart).',
  },
  INVALID_API_KEY: {
    status: 401,
    title: 'Invalid or revoked API key',
    text: { es: 'La clave API no es válida o fue revocada.', en: 'The API key is invalid or was revoked.' },
    when: 'A Bearer token that is not an active API key.',
  },
  CSRF_FAILED: {
    status: 403,
    title: 'Missing or invalid CSRF token',
    text: {
      es: 'Tu sesión no pudo verificarse. Recarga la página e inténtalo de nuevo.',
      en: 'Your session could not be verified. Reload the page and try again.',
    },
    when: 'A write with a session cookie but without the matching `x-csrf-token` header.',
  },
  FORBIDDEN: {
    status: 403,
    title: 'Your role does not allow this action',
    text: { es: 'Tu rol no permite esta acción.', en: 'Your role does not allow this action.' },
    when: "The caller's role is below the route's minimum, or the route is for people and an API key called it.",
  },
  ROLE_ABOVE_OWN: {
    status: 403,
    title: 'You cannot act on a role above your own',
    text: {
      es: 'No puedes actuar sobre un rol superior al tuyo.',
      en: 'You cannot act on a role above your own.',
    },
    when: 'Creating or revoking an API key, or inviting or revoking an invitation, of a role above the caller’s.',
  },
  NOT_FOUND: {
    status: 404,
    title: 'Not found',
    text: { es: 'No se encontró el recurso.', en: 'The resource was not found.' },
    when: 'The resource does not exist in the caller’s organization (another organization’s is "not found" too).',
  },
  ROUTE_NOT_FOUND: {
    status: 404,
    title: 'No such route',
    text: { es: 'Esa dirección no existe.', en: 'That address does not exist.' },
    when: 'No route matches the path.',
  },
  METHOD_NOT_ALLOWED: {
    status: 405,
    title: 'The path does not support this method',
    text: {
      es: 'Esa operación no existe para esta dirección.',
      en: 'That operation does not exist for this address.',
    },
    when: 'The path exists but not with this method; `Allow` lists the methods it has.',
  },
  REQUEST_TIMEOUT: {
    status: 408,
    title: 'The request took too long to arrive',
    text: {
      es: 'La solicitud tardó demasiado en llegar. Inténtalo de nuevo.',
      en: 'The request took too long to arrive. Try again.',
    },
    when: 'The client did not finish sending the request in time.',
  },
  CONFLICT: {
    status: 409,
    title: 'Conflict with the current state',
    text: {
      es: 'La operación choca con el estado actual.',
      en: 'The operation conflicts with the current state.',
    },
    when: 'The change does not fit the resource’s current state.',
  },
  ALREADY_EXISTS: {
    status: 409,
    title: 'Already exists',
    text: { es: 'Ya existe un registro con esos datos.', en: 'A record with those details already exists.' },
    when: 'A unique value is taken.',
  },
  PAYLOAD_TOO_LARGE: {
    status: 413,
    title: 'Payload too large',
    text: { es: 'El archivo es demasiado grande.', en: 'The file is too large.' },
    when: 'A body or uploaded file over the route’s limit.',
  },
  URI_TOO_LONG: {
    status: 414,
    title: 'The URI, or a part of its path, is too long',
    text: { es: 'La dirección es demasiado larga.', en: 'The address is too long.' },
    when: 'A path parameter over its length limit.',
  },
  UNSUPPORTED_MEDIA_TYPE: {
    status: 415,
    title: 'Unsupported media type',
    text: { es: 'El formato del envío no es el esperado.', en: 'The upload is not in the expected format.' },
    when: 'A body in a content type the route does not take.',
  },
  UNPROCESSABLE: {
    status: 422,
    title: 'The request could not be processed',
    text: { es: 'No se pudo procesar la solicitud.', en: 'The request could not be processed.' },
    when: 'Well-formed input the operation cannot act on, when no more specific code applies.',
  },
  IDEMPOTENCY_KEY_IN_PROGRESS: {
    status: 409,
    title: 'A request with this idempotency key is still running',
    text: {
      es: 'La misma operación todavía se está procesando. Espera un momento y vuelve a intentarlo.',
      en: 'The same operation is still being processed. Wait a moment and try again.',
    },
    when: 'An `Idempotency-Key` is sent again while the first request with it has not answered yet.',
  },
  IDEMPOTENCY_KEY_REUSED: {
    status: 422,
    title: 'This idempotency key was used for a different request',
    text: {
      es: 'Esa clave de idempotencia ya se usó con otros datos. Usa una clave nueva para una operación nueva.',
      en: 'That idempotency key was already used with different data. Use a new key for a new operation.',
    },
    when: 'An `Idempotency-Key` seen in the last 24 hours comes back with another method, path or body.',
  },
  RATE_LIMITED: {
    status: 429,
    title: 'Too many requests',
    text: {
      es: 'Demasiados intentos. Espera un momento e inténtalo de nuevo.',
      en: 'Too many attempts. Wait a moment and try again.',
    },
    when: 'The caller’s address, API client (key or signed-in person) or organization is over its requests per minute (sign-in has its own, lower limit); `Retry-After` says when to retry.',
  },
  HEADERS_TOO_LARGE: {
    status: 431,
    title: 'Request header fields too large',
    text: {
      es: 'La solicitud lleva encabezados demasiado grandes. Cierra sesión y vuelve a entrar.',
      en: 'The request headers are too large. Sign out and sign in again.',
    },
    when: 'The request’s headers exceed the server’s limit.',
  },
  INTERNAL: {
    status: 500,
    title: 'Internal error',
    text: { es: 'Error interno del servidor.', en: 'Internal server error.' },
    when: 'A fault of ours; the log has it under the `requestId`.',
  },
  DEPENDENCY_UNAVAILABLE: {
    status: 503,
    title: 'A dependency is unavailable',
    text: {
      es: 'Un servicio necesario no está disponible. Inténtalo más tarde.',
      en: 'A required service is unavailable. Try again later.',
    },
    when: 'The database, the job queue or another service the operation needs does not answer.',
  },
});

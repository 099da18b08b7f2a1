import { defineErrorCatalogue } from './define.js';

/** ERP connectors: their configuration, runs, exports and staged records. */
export const connectorErrors = defineErrorCatalogue({
  CONNECTOR_NOT_FOUND: {
    status: 404,
    title: 'Connector not found',
    text: { es: 'No se encontró ese conector.', en: 'That connector was not found.' },
    when: 'No connector with that id in the organization.',
  },
  CONNECTOR_RUN_NOT_FOUND: {
    status: 404,
    title: 'Connector run not found',
    text: { es: 'No se encontró esa ejecución del conector.', en: 'That connector run was not found.' },
    when: 'No run with that id for that connector.',
  },
  CONNECTOR_URL_INVALID: {
    status: 422,
    title: 'The connector URL cannot be used',
    text: {
      es: 'La URL no es válida: debe ser http(s) con un host, sin usuario ni contraseña.',
      en: 'The URL is not valid: it must be http(s) with a host and no user or password.',
    },
    when: 'The base URL or the OAuth token URL is not an http(s) URL, or it carries credentials.',
  },
  CONNECTOR_URL_BLOCKED: {
    status: 422,
    title: 'The connector URL points to a private or reserved address',
    text: {
      es: 'La URL apunta a una red privada o reservada; por seguridad no se envían datos ahí.',
      en: 'The URL points to a private or reserved network; no data is sent there.',
    },
    when: 'The host resolves to a private, loopback or reserved address not allowed by OUTBOUND_ALLOWED_HOSTS.',
  },
  CONNECTOR_SECRET_REQUIRED: {
    status: 422,
    title: 'The connector needs its secret',
    text: {
      es: 'Falta la credencial del método de autenticación (clave, token o contraseña).',
      en: 'The authentication method needs its secret (key, token or password).',
    },
    when: 'A new connector, or a change of auth method, without the key, token, password or client secret.',
  },
  CONNECTOR_DIRECTION_MISMATCH: {
    status: 422,
    title: 'The connector does not work in that direction',
    text: {
      es: 'Este conector no está configurado para esa dirección (envío o importación).',
      en: 'This connector is not set up for that direction (push or pull).',
    },
    when: 'A push on a pull-only connector (or without a push mapping), a pull without resources.',
  },
  CONNECTOR_SCHEDULE_INVALID: {
    status: 422,
    title: 'The schedule is not valid',
    text: {
      es: 'La programación no es válida: usa cinco campos cron (p. ej. 0 2 * * *) y una zona horaria IANA.',
      en: 'The schedule is not valid: use five cron fields (e.g. 0 2 * * *) and an IANA time zone.',
    },
    when: 'A cron expression or time zone that cannot be read.',
  },
  CONNECTOR_TEMPLATE_INVALID: {
    status: 422,
    title: 'The mapping template is not valid',
    text: {
      es: 'La plantilla de mapeo no es válida; revisa los campos entre {{ }} y los filtros.',
      en: 'The mapping template is not valid; check the {{ }} fields and filters.',
    },
    when: 'An unclosed placeholder, an unknown filter or a malformed $each in the push body or path; `params.rule` names it (`templateRuleCodes`), `params.at` where, `params.value` the text at fault.',
  },
  CONNECTOR_DISABLED: {
    status: 409,
    title: 'The connector is disabled',
    text: { es: 'El conector está desactivado; actívalo para ejecutarlo.', en: 'The connector is disabled.' },
    when: 'A run was asked of a disabled connector.',
  },
  CONNECTOR_DOCUMENT_NOT_FOUND: {
    status: 404,
    title: 'Document not found',
    text: {
      es: 'No se encontró el documento (factura del buzón o CFDI de la bóveda).',
      en: 'The document (inbox invoice or vault CFDI) was not found.',
    },
    when: 'A preview or push named a document the organization does not have, or an inbox invoice not yet processed.',
  },
  CONNECTOR_RESOURCE_UNKNOWN: {
    status: 422,
    title: 'Unknown resource',
    text: { es: 'El conector no tiene ese recurso.', en: 'The connector has no such resource.' },
    when: 'A pull named a resource the connector does not define.',
  },
});

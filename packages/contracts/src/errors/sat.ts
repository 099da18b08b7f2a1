import { defineErrorCatalogue } from './define.js';

/** SAT download requests. */
export const satErrors = defineErrorCatalogue({
  SAT_REQUEST_NOT_FOUND: {
    status: 404,
    title: 'SAT request not found',
    text: { es: 'No se encontró la solicitud.', en: 'The request was not found.' },
    when: 'No request with that id for that RFC in the organization.',
  },
  SAT_PACKAGE_NOT_FOUND: {
    status: 404,
    title: 'SAT package not found',
    text: {
      es: 'No se encontró ese paquete, o todavía no está guardado.',
      en: 'That package was not found, or it is not stored yet.',
    },
    when: 'No package with that id in that request of the organization, or it is still pending or failed.',
  },
  SAT_REQUEST_NOT_RETRYABLE: {
    status: 409,
    title: 'Only a stopped request can be filed again',
    text: {
      es: 'Solo una solicitud detenida se puede presentar de nuevo.',
      en: 'Only a stopped request can be filed again.',
    },
    when: 'Retrying a request that is not `failed`.',
  },
  FOLIO_MUST_BE_ALONE: {
    status: 422,
    title: 'A folio request carries only the folio',
    text: {
      es: 'Una solicitud por folio no lleva periodo, dirección ni filtros.',
      en: 'A folio request carries no period, direction or filters.',
    },
    when: 'A folio (single UUID) request also sends a period, a direction or filters.',
  },
  INVALID_FOLIO: {
    status: 422,
    title: 'The folio is not a UUID',
    text: { es: 'El folio no es un UUID válido.', en: 'The folio is not a valid UUID.' },
    when: 'The folio is not a UUID.',
  },
  DIRECTION_REQUIRED: {
    status: 422,
    title: 'The direction (issued or received) is required',
    text: {
      es: 'Indica si son CFDI emitidos o recibidos.',
      en: 'Say whether the CFDI are issued or received.',
    },
    when: 'A period request without a direction.',
  },
  INVALID_PERIOD: {
    status: 422,
    title: 'The period is not valid',
    text: { es: 'El periodo no es válido.', en: 'The period is not valid.' },
    when: 'A date of the period is not a real date or time.',
  },
  PERIOD_ORDER: {
    status: 422,
    title: 'The period must start before it ends',
    text: { es: 'El periodo debe empezar antes de terminar.', en: 'The period must start before it ends.' },
    when: 'The start of the period is not before its end.',
  },
  PERIOD_TOO_OLD: {
    status: 422,
    title: 'The SAT serves only the last 6 years',
    text: { es: 'El SAT solo entrega los últimos 6 años.', en: 'The SAT only serves the last 6 years.' },
    when: 'The period starts before the SAT’s window (six years back from today, Mexico City time).',
  },
  PERIOD_IN_FUTURE: {
    status: 422,
    title: 'The period starts in the future',
    text: { es: 'El periodo empieza en el futuro.', en: 'The period starts in the future.' },
    when: 'The period starts after now (Mexico City time).',
  },
  TOO_MANY_COUNTERPARTS: {
    status: 422,
    title: 'Too many counterpart RFCs',
    text: { es: 'Hay demasiados RFC de contraparte.', en: 'Too many counterpart RFCs.' },
    when: 'More counterpart RFCs than the SAT accepts in one request (5).',
  },
  INVALID_RFC: {
    status: 422,
    title: 'An RFC is not valid',
    text: { es: 'Un RFC no es válido.', en: 'An RFC is not valid.' },
    when: 'A counterpart or on-behalf RFC is not a well-formed RFC.',
  },
  UNKNOWN_COMPLEMENTO: {
    status: 422,
    title: 'Unknown complemento',
    text: { es: 'El SAT no reconoce ese complemento.', en: 'The SAT does not know that complemento.' },
    when: 'A complemento filter the SAT does not list.',
  },
  RECEIVED_CFDI_ONLY_VIGENTE: {
    status: 422,
    title: 'Received CFDI can only be requested as vigente',
    text: {
      es: 'Los CFDI recibidos solo se pueden solicitar vigentes.',
      en: 'Received CFDI can only be requested as vigente.',
    },
    when: 'A request for received CFDI (XML) with a status other than vigente.',
  },
  YEAR_OUT_OF_RANGE: {
    status: 422,
    title: 'That year is outside what the SAT serves',
    text: { es: 'El SAT no entrega ese año.', en: 'The SAT does not serve that year.' },
    when: 'A yearly bulk for a year the SAT window does not cover.',
  },
});

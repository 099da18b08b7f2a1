import { defineErrorCatalogue } from './define.js';

/** The PAC: accounts and the calls to it. */
export const pacErrors = defineErrorCatalogue({
  PAC_NOT_CONFIGURED: {
    status: 409,
    title: 'No PAC account',
    text: {
      es: 'La organización no tiene una cuenta de Facturify conectada (ni la instancia una por omisión).',
      en: 'The organization has no Facturify account (nor does the instance a default one).',
    },
    when: 'A token or an invoice was asked without an account of the organization or FACTURIFY_API_KEY.',
  },
  PAC_CREDENTIALS_REJECTED: {
    // The account's state, not this request, is wrong: a person must change the credentials.
    status: 409,
    title: 'The PAC refused the credentials',
    text: {
      es: 'Facturify rechazó la API key y el secreto; revísalos en Configuración → PAC. No se reintentará hasta que cambien o pasen unos minutos.',
      en: 'Facturify refused the API key and secret; no new attempt until they change or a few minutes pass.',
    },
    when: '/auth answered 401/403/422, now or within FACTURIFY_BREAKER_SECONDS (the breaker is open).',
  },
  PAC_UNAVAILABLE: {
    status: 503,
    title: 'The PAC did not answer',
    text: {
      es: 'Facturify no respondió o respondió con un error temporal; intenta de nuevo en un momento.',
      en: 'Facturify did not answer or answered with a temporary error; try again shortly.',
    },
    when: 'Network errors, timeouts, 429 or 5xx after the retries.',
  },
  PAC_INVOICE_NOT_FOUND: {
    status: 404,
    title: 'Invoice not found',
    text: { es: 'No se encontró esa factura emitida.', en: 'That issued invoice was not found.' },
    when: 'No invoice with that id in the organization.',
  },
  PAC_INVOICE_INVALID: {
    status: 422,
    title: 'The invoice breaks a CFDI 4.0 rule',
    text: {
      es: 'La factura no cumple las reglas del CFDI 4.0; revisa los campos señalados.',
      en: 'The invoice breaks CFDI 4.0 rules; check the fields listed.',
    },
    when: 'Checked before any PAC call: PPD with a payment form other than 99, generic RFC values, a credit note without its related invoice, taxes against objeto de impuesto…',
  },
  PAC_ISSUER_UNKNOWN: {
    status: 422,
    title: 'The issuer is not a taxpayer of the organization',
    text: {
      es: 'El RFC emisor no es un contribuyente de la organización.',
      en: 'The issuing RFC is not a taxpayer of the organization.',
    },
    when: 'issuerRfc is not registered under Contribuyentes.',
  },
  PAC_INVOICE_NOT_CANCELLABLE: {
    status: 409,
    title: 'The invoice cannot be cancelled now',
    text: {
      es: 'Esta factura no se puede cancelar: no está timbrada, ya se pidió su cancelación o falta el folio de sustitución.',
      en: 'This invoice cannot be cancelled: it is not stamped, a cancellation is under way, or the substitute is missing.',
    },
    when: 'Not stamped, a cancellation requested, pending or accepted, or motive 01 without a stamped substitute that relates it with 04.',
  },
  PAC_INVOICE_NOT_RETRYABLE: {
    status: 409,
    title: 'The invoice is not failed',
    text: {
      es: 'Solo una factura que no se pudo timbrar se puede reintentar.',
      en: 'Only an invoice that failed to stamp can be retried.',
    },
    when: 'A retry of an invoice that is stamped or still stamping.',
  },
});

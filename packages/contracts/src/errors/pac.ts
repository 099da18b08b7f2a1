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
    status: 502,
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
});

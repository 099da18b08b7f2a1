import { defineErrorCatalogue } from './define.js';

/** AI settings: the organization's LLM provider, its connection test and usage. */
export const aiErrors = defineErrorCatalogue({
  AI_SETTINGS_INCOMPLETE: {
    status: 422,
    title: 'The AI settings are incomplete',
    text: {
      es: 'Para activar la inteligencia artificial indica la URL base y el modelo del proveedor.',
      en: 'To turn AI on, give the provider’s base URL and model.',
    },
    when: 'PUT /api/v1/ai/settings with enabled true and no baseUrl or model.',
  },
  AI_NOT_CONFIGURED: {
    status: 409,
    title: 'No AI provider',
    text: {
      es: 'La organización no tiene un proveedor de IA configurado (ni la instancia uno por omisión).',
      en: 'The organization has no AI provider configured (nor does the instance a default one).',
    },
    when: 'A connection test without settings of the organization or INBOX_LLM_URL.',
  },
  AI_TEST_NOT_FOUND: {
    status: 404,
    title: 'Connection test not found',
    text: { es: 'No se encontró esa prueba de conexión.', en: 'That connection test was not found.' },
    when: 'No connection test with that id in the organization.',
  },
});

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
  AI_PROMPT_INVALID: {
    status: 422,
    title: 'The prompt lacks a placeholder the pipeline fills',
    text: {
      es: 'El prompt debe conservar {{campos}}, {{inicio_documento}} y {{fin_documento}}: la bandeja los llena con los campos y el texto del documento.',
      en: 'The prompt must keep {{campos}}, {{inicio_documento}} and {{fin_documento}}: the inbox fills them with the fields and the document text.',
    },
    when: 'PUT /api/v1/ai/prompts/{kind} with a text missing one of them (params.missing lists which).',
  },
  AI_PROMPT_VERSION_NOT_FOUND: {
    status: 404,
    title: 'Prompt version not found',
    text: { es: 'No existe esa versión del prompt.', en: 'That prompt version does not exist.' },
    when: 'A restore of a version the organization does not have for that kind.',
  },
  AI_TEST_NOT_FOUND: {
    status: 404,
    title: 'Connection test not found',
    text: { es: 'No se encontró esa prueba de conexión.', en: 'That connection test was not found.' },
    when: 'No connection test with that id in the organization.',
  },
});

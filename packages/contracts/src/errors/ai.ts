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
  AI_DISABLED: {
    status: 409,
    title: 'AI is off for the organization',
    text: {
      es: 'La inteligencia artificial está apagada para tu organización: actívala con un proveedor propio para probar un prompt.',
      en: 'AI is off for your organization: turn it on with a provider of its own to try a prompt.',
    },
    when: 'A prompt trial while the organization has no settings of its own or has turned them off.',
  },
  AI_KIND_NOT_ALLOWED: {
    status: 409,
    title: 'The document kind may not be sent to the model',
    text: {
      es: 'La configuración de IA no permite enviar este tipo de documento al modelo.',
      en: 'The AI settings do not allow sending this kind of document to the model.',
    },
    when: 'A prompt trial for a kind not in the organization’s allowed kinds.',
  },
  AI_MONTHLY_CAP_REACHED: {
    status: 409,
    title: 'The monthly AI cap is reached',
    text: {
      es: 'Se alcanzó el límite mensual de IA de la organización: no se consulta el modelo hasta el mes siguiente.',
      en: 'The organization’s monthly AI cap is reached: the model is not asked until next month.',
    },
    when: 'A prompt trial (or a job it queued) once this month’s usage reached the cap.',
  },
  AI_TRIAL_NOT_FOUND: {
    status: 404,
    title: 'Prompt trial not found',
    text: { es: 'No se encontró esa prueba del prompt.', en: 'That prompt trial was not found.' },
    when: 'No prompt trial with that id in the organization.',
  },
  AI_TRIAL_DOCUMENT_NOT_FOUND: {
    status: 404,
    title: 'Document not found',
    text: {
      es: 'No se encontró ese documento en la bandeja de tu organización.',
      en: 'That document was not found in your organization’s inbox.',
    },
    when: 'A prompt trial on an invoice the organization does not have.',
  },
  AI_TRIAL_KIND_MISMATCH: {
    status: 422,
    title: 'The document is of another kind',
    text: {
      es: 'El documento no es del tipo de este prompt: elige uno leído como ese tipo.',
      en: 'The document is not of this prompt’s kind: choose one read as that kind.',
    },
    when: 'A prompt trial whose invoice was read as another kind (or not read yet, or from an XML).',
  },
});

import type { AiDocumentKind, AiTrialErrorCode } from '@boveda/contracts';

type TestError =
  | 'LLM_TIMEOUT'
  | 'LLM_UNREACHABLE'
  | 'LLM_HTTP_ERROR'
  | 'LLM_INVALID_ANSWER'
  | 'AI_NOT_CONFIGURED';

/** Inteligencia artificial (the ai module's settings page) in Spanish. */
export const aiEsMX = {
  title: 'Inteligencia artificial',
  intro:
    'Un modelo de lenguaje compatible con OpenAI puede completar los datos que la lectura de un PDF o una foto dejó vacíos o dudosos. Está apagado hasta que lo actives; mientras esté encendido, el texto de los documentos permitidos sale del servidor hacia ese proveedor.',
  readOnly: 'Solo un administrador puede cambiar esta configuración.',
  source: {
    organization: 'Configuración propia de la organización.',
    instance: (model: string) =>
      `Sin configuración propia: se usa el modelo del servidor (${model}) con todos los tipos de documento y sin límite.`,
    none: 'Sin configuración: la inteligencia artificial está apagada.',
  },
  providerTitle: 'Proveedor',
  enabled: 'Activar la inteligencia artificial',
  enabledHint: 'Apagada, ningún documento se envía.',
  baseUrl: 'URL base (compatible con OpenAI)',
  baseUrlHint: 'Por ejemplo https://api.openai.com/v1 o http://127.0.0.1:11434/v1 (Ollama).',
  model: 'Modelo',
  apiKey: 'API key',
  apiKeyConfigured: (hint: string) => `Configurada (termina en …${hint}). Déjala vacía para conservarla.`,
  apiKeyMissing: 'Sin API key.',
  removeKey: 'Quitar la API key guardada',
  timeout: 'Tiempo máximo de espera (segundos)',
  kindsTitle: 'Documentos que se pueden enviar',
  kindsHint: 'Ninguno por omisión. Un XML nunca se envía: sus datos son exactos.',
  kinds: {
    'pdf-text': 'PDF con texto',
    'pdf-image': 'PDF escaneado (OCR)',
    image: 'Foto o imagen (OCR)',
  } satisfies Record<AiDocumentKind, string>,
  pricesTitle: 'Precios y límite',
  currency: 'Moneda de los precios',
  inputPrice: 'Precio por 1 millón de tokens de entrada',
  outputPrice: 'Precio por 1 millón de tokens de salida',
  pricesHint: 'Los precios de tu proveedor; con ellos se estima el costo de cada llamada.',
  capKind: 'Límite mensual',
  capKinds: { none: 'Sin límite', tokens: 'Tokens (entrada + salida)', cost: 'Costo estimado' },
  capValue: 'Valor del límite',
  capHint: 'Al alcanzarlo, la bandeja deja de consultar el modelo hasta el mes siguiente.',
  save: 'Guardar',
  saving: 'Guardando…',
  saved: 'Configuración guardada.',
  testTitle: 'Probar conexión',
  testIntro: 'Envía una pregunta breve al proveedor guardado y muestra su respuesta.',
  test: 'Probar conexión',
  testing: 'Probando…',
  testOk: (ms: number, answer: string) => `Respondió en ${ms} ms: “${answer}”.`,
  testErrors: {
    LLM_TIMEOUT: 'El proveedor no respondió a tiempo.',
    LLM_UNREACHABLE: 'No se pudo conectar con la URL (o la bloquea la protección de red del servidor).',
    LLM_HTTP_ERROR: 'El proveedor respondió con un error: revisa la API key y el modelo.',
    LLM_INVALID_ANSWER: 'El proveedor respondió algo que no es una respuesta válida.',
    AI_NOT_CONFIGURED: 'No hay proveedor configurado.',
  } satisfies Record<TestError, string>,
  usageTitle: 'Consumo',
  month: 'Mes',
  usageCaption: (month: string) => `Consumo por día de ${month}`,
  colDay: 'Día',
  colRequests: 'Llamadas',
  colInput: 'Tokens de entrada',
  colOutput: 'Tokens de salida',
  colCost: 'Costo estimado',
  colModels: 'Modelos',
  totals: 'Total del mes',
  noUsage: 'Sin consumo este mes.',
  capUsed: (used: string, value: string) => `Límite: ${used} de ${value}.`,
  capReached: 'Se alcanzó el límite del mes: la bandeja no consulta el modelo.',
  promptsTitle: 'Prompt de extracción',
  promptsIntro:
    'Las instrucciones que recibe el modelo, por tipo de documento. Cada cambio es una versión nueva; la más reciente es la que se usa.',
  promptKind: 'Tipo de documento',
  promptText: 'Prompt',
  promptHint: (placeholders: string) =>
    `Debe conservar ${placeholders}: la bandeja los llena con los campos y las marcas del documento.`,
  promptDefault: 'Se usa el prompt de Bóveda (sin versiones propias).',
  promptVersion: (n: number) => `Se usa la versión ${n}.`,
  promptSave: 'Guardar como versión nueva',
  promptVersions: 'Versiones del prompt',
  promptVersionLine: (n: number, when: string, who: string, restoredFrom: number | null) =>
    `Versión ${n} · ${when} · ${who}${restoredFrom ? ` · restaura la versión ${restoredFrom}` : ''}`,
  promptRestore: (n: number) => `Restaurar versión ${n}`,
  trialTitle: 'Probar con un documento',
  trialIntro:
    'Prueba el texto de arriba (sin guardarlo) con una factura de la bandeja de este tipo: verás lo que extraería junto a lo que la factura tiene ahora. La llamada cuenta en el consumo y respeta el límite.',
  trialOpen: 'Probar con un documento',
  trialDocument: 'Documento',
  trialNoDocuments: 'No hay facturas de este tipo en la bandeja.',
  trialDocumentLabel: (who: string, total: string, when: string) => `${who} · ${total} · ${when}`,
  trialRun: 'Probar',
  trialRunning: 'Probando…',
  trialQueued: 'En cola…',
  trialCaption: 'Campos con el prompt actual y con este prompt',
  colField: 'Campo',
  colCurrent: 'Actual',
  colTrial: 'Con este prompt',
  trialRefused: 'no válido o no impreso: la bandeja lo descartaría',
  trialSame: 'igual',
  trialStats: (ms: number, input: number, output: number, model: string) =>
    `${model} respondió en ${ms} ms · ${input} tokens de entrada, ${output} de salida.`,
  trialErrors: {
    LLM_TIMEOUT: 'El proveedor no respondió a tiempo.',
    LLM_UNREACHABLE: 'No se pudo conectar con el proveedor.',
    LLM_HTTP_ERROR: 'El proveedor respondió con un error: revisa la API key y el modelo.',
    LLM_INVALID_ANSWER: 'El proveedor respondió algo que no es una respuesta válida.',
    AI_DISABLED: 'La inteligencia artificial está apagada para tu organización.',
    AI_KIND_NOT_ALLOWED: 'La configuración no permite enviar este tipo de documento al modelo.',
    AI_MONTHLY_CAP_REACHED: 'Se alcanzó el límite mensual: no se consultó el modelo.',
    AI_TRIAL_DOCUMENT_UNREADABLE: 'No se pudo volver a leer el texto del documento.',
  } satisfies Record<AiTrialErrorCode, string>,
};

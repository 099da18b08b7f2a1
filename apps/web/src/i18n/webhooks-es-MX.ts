import type { WebhookAttempt, webhookDisabledReason } from '@boveda/contracts';
import type { z } from 'zod';

type DisabledReason = z.infer<typeof webhookDisabledReason>;
type Trigger = WebhookAttempt['trigger'];
type Outcome = WebhookAttempt['outcome'];

/** Webhooks: endpoints, their delivery log and the event catalogue (Spanish, Mexico). The reference shape for `webhooks-en.ts`. */
export const webhooksEsMX = {
  title: 'Webhooks',
  intro:
    'Bóveda avisa a tus sistemas (ERP, automatizaciones) cuando algo pasa: una factura procesada, una descarga del SAT, una e.firma por vencer. Cada aviso va firmado.',
  viewerNotice: 'Los webhooks los consultan miembros, administradores y propietarios de la organización.',
  adminOnly: 'Solo un administrador o propietario puede crear, cambiar o probar endpoints.',
  catalogueLink: 'Catálogo de eventos',
  // The list
  tableCaption: 'Endpoints de webhooks',
  colUrl: 'URL',
  colDescription: 'Descripción',
  colEvents: 'Eventos',
  colStatus: 'Estado',
  colCreated: 'Creado',
  allEvents: 'Todos los eventos',
  active: 'Activo',
  disabledBecause: (reason: string) => `Desactivado (${reason})`,
  disabled: 'Desactivado',
  disabledReasons: {
    manual: 'por una persona',
    gone: 'el receptor respondió 410 Gone',
    failing: 'falló durante 5 días',
  } satisfies Record<DisabledReason, string>,
  failingSince: (when: string) => `Falla desde el ${when}`,
  failingSinceHint: 'Si todos los intentos siguen fallando durante 5 días, el endpoint se desactiva solo.',
  empty: 'Aún no hay endpoints. Crea uno para empezar a recibir eventos.',
  noMore: 'No hay más endpoints.',
  // New endpoint
  newTitle: 'Nuevo endpoint',
  url: 'URL',
  urlHint: 'La dirección https:// de tu sistema que recibirá los eventos por POST.',
  urlPlaceholder: 'https://erp.ejemplo.mx/webhooks/boveda',
  description: 'Descripción',
  descriptionPlaceholder: 'ERP de contabilidad',
  eventTypes: 'Tipos de evento',
  allTypes: 'Todos',
  allTypesHint: 'Incluye los tipos que se agreguen después.',
  pickOneType: 'Elige al menos un tipo de evento o marca “Todos”.',
  typesLoading: 'Cargando tipos de evento…',
  headers: 'Encabezados personalizados',
  headersHint:
    'Se envían con cada entrega, por ejemplo un token de tu receptor. Los valores no se vuelven a mostrar.',
  headerName: 'Nombre del encabezado',
  headerValue: 'Valor',
  addHeader: 'Agregar encabezado',
  removeHeader: (n: number) => `Quitar encabezado ${n}`,
  remove: 'Quitar',
  headerNameInvalid: 'Nombre no válido (letras, números y guiones; no Host, Content-Type ni webhook-*).',
  headerDuplicate: 'Ese encabezado ya está en la lista.',
  rateLimit: 'Límite de entregas por segundo',
  rateLimitHint: 'Vacío: sin límite.',
  rateLimitInvalid: 'Un número entero de 1 a 10 000.',
  create: 'Crear endpoint',
  creating: 'Creando…',
  // The secret
  createdTitle: 'Endpoint creado',
  createdIntro: (url: string) => `Bóveda firmará cada entrega a ${url} con este secreto.`,
  secretTitle: 'Secreto de firma',
  secretIntro: 'Con este secreto tu receptor comprueba que cada entrega viene de Bóveda.',
  rotatedTitle: 'Secreto nuevo',
  secretLabel: 'Secreto de firma',
  copy: 'Copiar',
  copied: 'Copiado',
  copyFailed: 'No se pudo copiar. El secreto está seleccionado: cópialo con Ctrl+C (⌘C en Mac).',
  onceWarning: 'Cópialo ahora: no se volverá a mostrar.',
  keepSafe: 'Guárdalo como una contraseña: quien lo tenga puede firmar mensajes como Bóveda.',
  verifyNote:
    'Para verificar la firma usa la biblioteca standardwebhooks (npm install standardwebhooks; también la hay para Python, Go, PHP y más): new Webhook(secreto).verify(cuerpo, encabezados) con los encabezados webhook-id, webhook-timestamp y webhook-signature.',
  previousUntil: (when: string) => `El secreto anterior sigue firmando hasta el ${when}`,
  done: 'Listo',
  // The endpoint page
  back: 'Volver a webhooks',
  notFound: 'No se encontró ese endpoint.',
  settingsTitle: 'Configuración',
  enabled: 'Activo',
  enabledHint:
    'Mientras esté desactivado no recibe entregas, y los eventos de ese tiempo no se guardan para después.',
  currentHeaders: (names: string) => `Encabezados actuales: ${names}.`,
  noHeaders: 'Sin encabezados personalizados.',
  replaceHeaders: 'Reemplazar los encabezados',
  replaceHeadersHint:
    'Los valores guardados no se muestran. Lo que escribas aquí sustituye a todos; sin filas, se quitan.',
  edit: 'Editar configuración',
  save: 'Guardar cambios',
  saving: 'Guardando…',
  saved: 'Cambios guardados.',
  rotationInProgress: (when: string) =>
    `Rotación en curso: hasta el ${when} las entregas llevan también la firma del secreto anterior.`,
  // Stats
  statsTitle: 'Entregas',
  periods: { '24h': 'Últimas 24 horas', '7d': 'Últimos 7 días' } as Record<string, string>,
  successRate: 'Éxito',
  attemptsCount: (n: string, ok: string, failed: string) =>
    `${n} intentos · ${ok} exitosos · ${failed} fallidos`,
  latencyP50: 'Latencia p50',
  latencyP95: 'Latencia p95',
  pending: 'Pendientes',
  lastSuccess: 'Último éxito',
  lastFailure: 'Última falla',
  none: '—',
  ms: (n: string) => `${n} ms`,
  // Actions
  actionsTitle: 'Acciones',
  test: 'Enviar evento de prueba',
  testing: 'Enviando…',
  testSent: 'Evento de prueba en camino: aparecerá en el registro en unos segundos.',
  showSecret: 'Mostrar secreto',
  revealing: 'Cargando…',
  rotate: 'Rotar secreto',
  rotateTitle: 'Rotar el secreto de firma',
  rotateConfirm:
    'Se generará un secreto nuevo. Durante 24 horas cada entrega llevará la firma de ambos, para que actualices tu receptor sin perder eventos; después, solo la del nuevo.',
  rotating: 'Rotando…',
  recover: 'Reintentar fallidos desde…',
  recoverTitle: 'Reintentar los mensajes fallidos',
  recoverIntro: 'Se vuelven a enviar los mensajes que no llegaron a este endpoint en ese intervalo.',
  recoverSince: 'Desde',
  recoverUntil: 'Hasta',
  recoverUntilHint: 'Vacío: hasta ahora.',
  recoverInvalid: 'Escribe una fecha y hora.',
  recoverAction: 'Reintentar',
  recovering: 'Programando…',
  queued: (n: number) =>
    n === 0
      ? 'No había mensajes por reenviar.'
      : n === 1
        ? 'Se programó 1 mensaje.'
        : `Se programaron ${n} mensajes.`,
  delete: 'Eliminar endpoint',
  deleteTitle: 'Eliminar endpoint',
  deleteConfirm: (url: string) =>
    `Se eliminará el endpoint ${url}. Dejará de recibir eventos y su registro de entregas ya no se podrá consultar.`,
  deleteAction: 'Eliminar',
  deleting: 'Eliminando…',
  adminActions:
    'Las acciones (probar, ver el secreto, reintentar, eliminar) son de administradores y propietarios.',
  // The delivery log
  logTitle: 'Registro de entregas',
  logHint: 'Lo más reciente primero. Se actualiza solo cada pocos segundos.',
  logCaption: 'Intentos de entrega',
  outcome: 'Resultado',
  anyOutcome: 'Todos',
  outcomes: { succeeded: 'Exitoso', failed: 'Fallido' } satisfies Record<Outcome, string>,
  eventType: 'Tipo de evento',
  anyEventType: 'Todos',
  apply: 'Filtrar',
  clear: 'Limpiar',
  colTime: 'Fecha',
  colEvent: 'Evento',
  colAttempt: 'Intento',
  colTrigger: 'Origen',
  colOutcome: 'Resultado',
  colHttp: 'HTTP',
  colLatency: 'Latencia',
  colError: 'Error',
  colDetails: 'Detalles',
  triggers: { scheduled: 'programado', manual: 'manual', test: 'prueba' } satisfies Record<Trigger, string>,
  attemptNumber: (n: number) => `#${n}`,
  showDetails: 'Ver detalle',
  hideDetails: 'Ocultar detalle',
  detailOf: (event: string, when: string) => `Detalle del intento: ${event}, ${when}`,
  responseExcerpt: 'Respuesta del receptor (primeros bytes)',
  noExcerpt: 'Sin respuesta.',
  errorMessage: 'Mensaje de error',
  payload: 'Mensaje enviado',
  messageId: (id: string) => `Mensaje ${id}`,
  resend: 'Reenviar',
  resending: 'Reenviando…',
  resent: 'Reenvío programado: aparecerá como un intento nuevo.',
  logEmpty: 'Aún no hay entregas a este endpoint.',
  logEmptyFiltered: 'Ninguna entrega coincide con los filtros.',
  logNoMore: 'No hay más entregas.',
  errorCodes: {
    TIMEOUT: 'Tiempo agotado',
    CONNECTION_FAILED: 'No se pudo conectar',
    REDIRECT: 'Redirección (no se sigue)',
    HTTP_STATUS: 'Respuesta no 2xx',
    BLOCKED: 'Dirección bloqueada',
    INVALID_URL: 'URL no válida',
    UNEXPECTED: 'Error inesperado',
  } as Record<string, string>,
  // The catalogue
  catalogueTitle: 'Catálogo de eventos',
  catalogueIntro:
    'Los tipos de evento a los que puede suscribirse un endpoint. Cada entrega es un sobre { id, type, version, timestamp, data } en JSON; data sigue el esquema de su tipo y su versión sube solo con cambios incompatibles.',
  version: (n: number) => `versión ${n}`,
  example: 'Ejemplo de entrega',
  schema: 'Esquema JSON de data',
  catalogueCaption: 'Tipos de evento',
  eventDescriptions: {
    'document.processed': 'Una persona confirmó una factura de la bandeja; sus valores finales van en data.',
    'document.failed':
      'La lectura de una factura de la bandeja falló definitivamente; se puede reintentar o capturar a mano.',
    'document.rejected': 'Una persona rechazó una factura de la bandeja, con el motivo.',
    'sat.request.state_changed':
      'Una solicitud de descarga al SAT cambió de estado: creada (from nulo), presentada, verificada, lista, descargada, vacía, dividida, reemplazada o fallida.',
    'sat.package.ingested':
      'Un paquete descargado del SAT se guardó en la bóveda (o falló), con sus conteos.',
    'efirma.expiring': 'La e.firma de un contribuyente vence en 30, 7 o 1 días (una vez por umbral).',
    'document.exported':
      'Un conector exportó un documento (factura de la bandeja o CFDI de la bóveda) a un ERP, que respondió con su id.',
    'export.completed':
      'Terminó una exportación de un conector: correcta, o parcial si algunos documentos fallaron.',
    'export.failed': 'Falló una exportación de un conector (nada se exportó o el ERP no respondió).',
    'sync.completed':
      'Terminó una importación de un conector (correcta o parcial): los registros nuevos y cambiados esperan revisión.',
    'sync.failed': 'Falló una importación de un conector.',
    'order.created': 'Se creó una orden (estado recibida), con su cliente y total.',
    'order.status_changed':
      'Una orden cambió de estado: surtiendo, empacando, enviada, entregada, cancelada o devuelta.',
    'order.returned':
      'Regresaron unidades de una orden: una devolución parcial, o las últimas (la orden queda devuelta).',
    'order.invoiced':
      'Se timbró la factura de una orden (tipo I) o la nota de crédito de una devolución (tipo E, relación 03).',
    'webhook.test': 'Evento de prueba, enviado a un endpoint cuando se pide (“Enviar evento de prueba”).',
  } as Record<string, string>,
};

export type WebhooksMessages = typeof webhooksEsMX;

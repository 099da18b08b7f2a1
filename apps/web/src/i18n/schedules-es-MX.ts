import type { ScheduleKind } from '@boveda/contracts';

/** *Sincronizaciones*: the organization's recurring work (Spanish, Mexico). The reference shape for `schedules-en.ts`. */
export const schedulesEsMX = {
  title: 'Sincronizaciones',
  intro:
    'Todo lo que Bóveda hace por su cuenta para tu organización: la sincronización con el SAT de cada contribuyente, las ejecuciones programadas de los conectores y los reintentos de los webhooks.',
  viewerNotice:
    'Un miembro puede ejecutar ahora; solo un administrador o propietario puede pausar y reanudar.',
  tableCaption: 'Trabajo programado',
  empty: 'Aún no hay nada programado: registra un contribuyente, programa un conector o crea un webhook.',
  colKind: 'Tipo',
  colTarget: 'Sobre',
  colSchedule: 'Horario',
  colLastRun: 'Última ejecución',
  colNextRun: 'Próxima ejecución',
  colActions: 'Acciones',
  kinds: {
    'sat.sync': 'Sincronización SAT',
    'connector.sync': 'Conector',
    'webhook.retries': 'Reintentos de webhook',
  } satisfies Record<ScheduleKind, string>,
  results: { ok: 'Correcta', failed: 'Falló', running: 'En curso' },
  never: 'Nunca',
  noNextRun: 'Nada pendiente',
  paused: 'Pausada',
  pausedBy: (who: string) => `Pausada por ${who}`,
  cron: (cron: string, tz: string) => `${cron} (${tz})`,
  daily: (time: string, tz: string) => `Diario a las ${time} (${tz})`,
  backoff: (steps: string) => `Después de cada evento: ${steps}`,
  onlyAfterEvents: 'Solo tras un evento',
  duration: (seconds: string) => `duró ${seconds} s`,
  runNow: 'Ejecutar ahora',
  running: 'Enviando…',
  queued: 'En cola: se ejecutará en unos segundos.',
  alreadyQueued: 'Ya había una ejecución en cola.',
  pause: 'Pausar',
  pausing: 'Pausando…',
  resume: 'Reanudar',
  resuming: 'Reanudando…',
  confirmPauseTitle: 'Pausar sincronización',
  confirmPause: (what: string) =>
    `${what} dejará de ejecutarse por su cuenta hasta que la reanudes. "Ejecutar ahora" sigue disponible.`,
  cancel: 'Cancelar',
  notPausable: 'Se detiene desactivando el endpoint en Webhooks.',
};

export type SchedulesMessages = typeof schedulesEsMX;

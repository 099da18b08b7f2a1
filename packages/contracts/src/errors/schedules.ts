import { defineErrorCatalogue } from './define.js';

/** The sync administration: an organization's recurring work (SAT syncs, connector runs, webhook retries). */
export const scheduleErrors = defineErrorCatalogue({
  SCHEDULE_NOT_FOUND: {
    status: 404,
    title: 'Scheduled work not found',
    text: {
      es: 'No se encontró esa sincronización en la organización.',
      en: 'That scheduled work was not found in the organization.',
    },
    when: 'No recurring work of that kind and key in the organization (another organization’s included).',
  },
  SCHEDULE_NOT_PAUSABLE: {
    status: 409,
    title: 'This work cannot be paused',
    text: {
      es: 'Esta sincronización no se puede pausar aquí; desactívala desde su propia página.',
      en: 'This work cannot be paused here; disable it from its own page.',
    },
    when: 'Pause or resume of work that stops another way (a webhook endpoint is disabled instead).',
  },
  SCHEDULE_NOT_RUNNABLE: {
    status: 409,
    title: 'This work cannot run now',
    text: {
      es: 'Esta sincronización no se puede ejecutar ahora (por ejemplo, su conector está desactivado).',
      en: 'This work cannot run now (for example, its connector is disabled).',
    },
    when: 'Run now of work that runs only on its own, or whose owner is disabled.',
  },
});

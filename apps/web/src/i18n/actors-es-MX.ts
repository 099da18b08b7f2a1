import type { ActorLabelKind, SystemActorLabel } from '@boveda/contracts';

/** The audit trail's non-person actors (`systemActorLabels`, `<kind>:<name>`), as a contador reads them. */
export const actorsEsMX = {
  system: {
    'sat-download': 'Bóveda: descarga del SAT',
    'cfdi-ingestion': 'Bóveda: incorporación de CFDI',
    taxpayers: 'Bóveda: contribuyentes',
    webhooks: 'Bóveda: webhooks',
    orders: 'Bóveda: órdenes',
    demo: 'Datos de demostración',
    operator: 'Operador del servicio',
  } satisfies Record<SystemActorLabel, string>,
  kinds: {
    job: (name: string) => `Tarea automática (${name})`,
    connector: (name: string) => `Conector ${name}`,
    cli: (name: string) => `Línea de comandos (${name})`,
  } satisfies Record<ActorLabelKind, (name: string) => string>,
};

export type ActorMessages = typeof actorsEsMX;

import type { ActorMessages } from './actors-es-MX.js';

export const actorsEn: ActorMessages = {
  system: {
    'sat-download': 'Bóveda: SAT download',
    'cfdi-ingestion': 'Bóveda: CFDI ingestion',
    taxpayers: 'Bóveda: taxpayers',
    webhooks: 'Bóveda: webhooks',
    orders: 'Bóveda: orders',
    demo: 'Demo data',
    operator: 'Service operator',
  },
  kinds: {
    job: (name: string) => `Background job (${name})`,
    connector: (name: string) => `Connector ${name}`,
    cli: (name: string) => `Command line (${name})`,
  },
};

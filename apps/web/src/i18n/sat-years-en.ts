import type { SatYearsMessages } from './sat-years-es-MX.js';

export const satYearsEn: SatYearsMessages = {
  title: 'Years',
  intro: 'A year is complete when its CFDI and metadata, issued and received, are downloaded.',
  empty: 'No years requested yet.',
  complete: 'Complete',
  upToDate: 'Up to date',
  incomplete: 'Incomplete',
  ready: (done: number, total: number) => `${done} of ${total} requests finished`,
  active: (n: number) => (n === 1 ? '1 in progress with the SAT' : `${n} in progress with the SAT`),
  failed: (n: number) => (n === 1 ? '1 stopped: see it below' : `${n} stopped: see them below`),
  missing: 'Missing',
  parts: {
    'cfdi.issued': 'issued CFDI',
    'cfdi.received': 'received CFDI',
    'metadata.issued': 'issued metadata',
    'metadata.received': 'received metadata',
  },
};

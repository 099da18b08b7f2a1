import type { HomeMessages } from './home-es-MX.js';

export const homeEn: HomeMessages = {
  title: 'Home',
  intro:
    'Your taxpayers at a glance: what arrived this month, what needs your attention and what the vault lacks.',
  months: [
    'January',
    'February',
    'March',
    'April',
    'May',
    'June',
    'July',
    'August',
    'September',
    'October',
    'November',
    'December',
  ],
  emptyTitle: 'There are no taxpayers yet',
  emptyText:
    "Register your first taxpayer's e.firma: Bóveda will request its CFDI from the SAT and you will follow each one here.",
  emptyAction: 'Register an e.firma',
  totalsLabel: 'Organization summary',
  totalTaxpayers: 'Taxpayers',
  totalThisMonth: (month: string) => `CFDI of ${month}`,
  issuedReceived: (issued: number, received: number) => `${issued} issued · ${received} received`,
  totalAttention: 'Requests needing attention',
  totalExpiring: 'e.firmas expiring (30 days)',
  totalMissing: 'Missing XML',
  lastSync: 'Last sync with the SAT',
  neverSynced: 'Not yet',
  thisMonth: (month: string) => `CFDI of ${month}`,
  issuedLink: (n: number) => `${n} issued`,
  receivedLink: (n: number) => `${n} received`,
  efirma: 'e.firma',
  efirmaUntil: (date: string) => `Valid until ${date}`,
  efirmaExpiring: (days: number) => (days === 1 ? 'Expires in 1 day' : `Expires in ${days} days`),
  efirmaExpired: 'Expired: SAT downloads stop until a new one is registered',
  missingXml: 'Missing XML',
  missingXmlText: (n: number) =>
    n === 1
      ? '1 CFDI is in the SAT metadata but its XML is not in the vault.'
      : `${n} CFDI are in the SAT metadata but their XML is not in the vault.`,
  noMissingXml: 'None: every CFDI in the metadata has its XML.',
  attention: 'Needing attention',
  attentionNone: 'No stopped requests.',
  attentionCode: (code: number) => `Code ${code}`,
  attentionMore: (n: number) => `and ${n} more`,
  openRequests: 'See SAT requests',
  openChart: 'See chart',
};

import type { planEsMX } from './plan-es-MX.js';

export const planEn: typeof planEsMX = {
  title: 'Plan and usage',
  intro:
    "What your organization used this month against its plan's limits. Monthly limits renew on the 1st; admins get an e-mail at 80 % and at 100 %.",
  noPlan: 'Your organization has no plan: there are no usage limits.',
  planName: (name) => `Plan: ${name}`,
  period: (month) => `Usage in ${month}`,
  monthlyCaption: "This month's usage",
  countsCaption: 'Resources',
  colWhat: 'What',
  colUsed: 'Used',
  colLimit: 'Limit',
  colPercent: 'Usage',
  unlimited: 'No limit',
  apiRate: (n) => (n === null ? 'API requests per minute: no plan limit.' : `API requests per minute: ${n}.`),
  reached: 'Limit reached',
  near: 'Near the limit',
  metrics: {
    documents: 'Documents received in the inbox',
    ocrPages: 'Pages read with OCR',
    llmTokens: 'AI tokens',
    taxpayers: 'Taxpayers (e.firmas)',
    connectors: 'ERP connectors',
    webhookEndpoints: 'Webhooks',
  },
  limitDetail: (metric, used, limit) => `${metric}: ${used} of ${limit}.`,
};

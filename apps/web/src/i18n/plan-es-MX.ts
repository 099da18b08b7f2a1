import type { PlanMetric } from '@boveda/contracts';

/** *Plan y uso*: the organization's plan and this month's usage (Spanish, Mexico). The reference shape for `plan-en.ts`. */
export const planEsMX = {
  title: 'Plan y uso',
  intro:
    'Lo que tu organización ha usado este mes frente a los límites de su plan. Los límites mensuales se renuevan el día 1; los administradores reciben un correo al llegar al 80 % y al 100 %.',
  noPlan: 'Tu organización no tiene un plan asignado: no hay límites de uso.',
  planName: (name: string) => `Plan: ${name}`,
  period: (month: string) => `Uso de ${month}`,
  monthlyCaption: 'Uso del mes',
  countsCaption: 'Recursos',
  colWhat: 'Concepto',
  colUsed: 'Usado',
  colLimit: 'Límite',
  colPercent: 'Uso',
  unlimited: 'Sin límite',
  apiRate: (n: string | null) =>
    n === null
      ? 'Solicitudes a la API por minuto: sin límite del plan.'
      : `Solicitudes a la API por minuto: ${n}.`,
  reached: 'Límite alcanzado',
  near: 'Cerca del límite',
  metrics: {
    documents: 'Documentos recibidos en la bandeja',
    ocrPages: 'Páginas leídas con OCR',
    llmTokens: 'Tokens de inteligencia artificial',
    taxpayers: 'Contribuyentes (e.firmas)',
    connectors: 'Conectores ERP',
    webhookEndpoints: 'Webhooks',
  } satisfies Record<PlanMetric, string>,
  /** The detail under PLAN_QUOTA_EXCEEDED / PLAN_LIMIT_REACHED, from its params. */
  limitDetail: (metric: string, used: string, limit: string) => `${metric}: ${used} de ${limit}.`,
};

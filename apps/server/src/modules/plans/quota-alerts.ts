import type { MonthlyMetric } from '@boveda/contracts';
import type { Tx } from '../../platform/db/transaction.js';
import { type Email, type EmailTemplate, layout, renderEmail } from '../../platform/email/index.js';
import type { TenantsService } from '../tenants/index.js';

const MAX_RECIPIENTS = 50;

type Alert = {
  organization: string;
  plan: string;
  metric: string;
  used: string;
  limit: string;
  percent: string;
  period: string;
  consequence: string;
  link: string;
};

export const quotaAlertEmail: EmailTemplate<Alert> = {
  subject: 'Bóveda: {{organization}} usó el {{percent}} % de {{metric}} de su plan',
  text:
    'La organización {{organization}} lleva {{used}} de {{limit}} {{metric}} en {{period}}: el {{percent}} % ' +
    'de su plan {{plan}}.\n{{consequence}}\n\nConsulta el uso del plan: {{link}}',
  html: (v) =>
    `<p>La organización <strong>${v.organization}</strong> lleva ${v.used} de ${v.limit} ${v.metric} en ${v.period}: ` +
    `el ${v.percent} % de su plan ${v.plan}.</p><p>${v.consequence}</p>` +
    `<p>Consulta el uso del plan: ${v.link}</p>`,
};

const METRIC_NAMES: Record<MonthlyMetric, string> = {
  documents: 'documentos de la bandeja',
  ocrPages: 'páginas de OCR',
  llmTokens: 'tokens de inteligencia artificial',
};

/** What stops at 100 %, said to the admins before it happens (80 %) and when it does. */
const AT_LIMIT: Record<MonthlyMetric, string> = {
  documents: 'Al llegar al límite ya no se pueden recibir documentos en la bandeja hasta el próximo mes.',
  ocrPages:
    'Al llegar al límite los documentos nuevos se leen sin OCR (XML, texto del PDF y código QR) hasta el próximo mes.',
  llmTokens:
    'Al llegar al límite la bandeja deja de consultar a la inteligencia artificial hasta el próximo mes.',
};

const MONTHS = new Intl.DateTimeFormat('es-MX', { month: 'long', year: 'numeric', timeZone: 'UTC' });
const NUMBER = new Intl.NumberFormat('es-MX');

/** Queues the threshold e-mail to the organization's owners and admins, in `tx`. */
export function createQuotaAlerts(deps: {
  email: Email;
  tenants: Pick<TenantsService, 'listUsers' | 'tenantById'>;
  publicUrl: string | undefined;
}) {
  return async function sendAlert(
    tx: Tx,
    alert: {
      tenantId: string;
      plan: string;
      metric: MonthlyMetric;
      used: number;
      limit: number;
      percent: 80 | 100;
      period: string;
    },
  ) {
    const [members, tenant] = await Promise.all([
      deps.tenants.listUsers(alert.tenantId),
      deps.tenants.tenantById(alert.tenantId),
    ]);
    const admins = members
      .filter((m) => (m.role === 'owner' || m.role === 'admin') && !m.deactivatedAt)
      .map((m) => m.email);
    if (admins.length === 0 || !tenant) return;
    const [year, month] = alert.period.split('-').map(Number);
    const rendered = layout(
      renderEmail(quotaAlertEmail, {
        organization: tenant.name,
        plan: alert.plan,
        metric: METRIC_NAMES[alert.metric],
        used: NUMBER.format(alert.used),
        limit: NUMBER.format(alert.limit),
        percent: String(alert.percent),
        period: MONTHS.format(new Date(Date.UTC(year!, month! - 1, 1))),
        consequence:
          alert.percent === 100
            ? AT_LIMIT[alert.metric].replace('Al llegar al límite', 'Se llegó al límite:')
            : AT_LIMIT[alert.metric],
        link: deps.publicUrl ? `${deps.publicUrl.replace(/\/$/, '')}/plan` : 'Bóveda → Plan y uso',
      }),
    );
    for (let i = 0; i < admins.length; i += MAX_RECIPIENTS)
      await deps.email.enqueue({ to: admins.slice(i, i + MAX_RECIPIENTS), ...rendered }, { tx });
  };
}

export type QuotaAlerts = ReturnType<typeof createQuotaAlerts>;

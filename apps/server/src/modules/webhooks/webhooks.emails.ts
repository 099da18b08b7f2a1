import type { EmailTemplate } from '../../platform/email/index.js';

/** What every alert is filled with. `link` is the endpoint's page, or its id without PUBLIC_URL. */
type Alert = { organization: string; url: string; description: string; link: string };

const intro = 'del endpoint {{url}} ({{description}}) de {{organization}}';

export const endpointFailingEmail: EmailTemplate<
  Alert & { failures: number; since: string; lastError: string }
> = {
  subject: 'Webhooks: un endpoint de {{organization}} está fallando',
  text:
    `Las últimas {{failures}} entregas ${intro} fallaron, desde {{since}}.\n` +
    'Último error: {{lastError}}.\n\n' +
    'Bóveda seguirá reintentando según el calendario. Si el endpoint falla durante 5 días se desactivará.\n' +
    'Revisa el registro de entregas: {{link}}',
  html: (v) =>
    `<p>Las últimas <strong>${v.failures}</strong> entregas del endpoint <code>${v.url}</code> (${v.description}) ` +
    `de ${v.organization} fallaron, desde ${v.since}.</p><p>Último error: ${v.lastError}.</p>` +
    '<p>Bóveda seguirá reintentando según el calendario. Si el endpoint falla durante 5 días se desactivará.</p>' +
    `<p>Revisa el registro de entregas: ${v.link}</p>`,
};

export const endpointDisabledEmail: EmailTemplate<Alert & { why: string }> = {
  subject: 'Webhooks: se desactivó un endpoint de {{organization}}',
  text:
    `Se desactivó el envío ${intro}: {{why}}.\n\n` +
    'Los eventos nuevos no se le enviarán. Cuando el receptor funcione, actívalo de nuevo y usa ' +
    '«Reintentar fallidos» para reenviar lo que no recibió: {{link}}',
  html: (v) =>
    `<p>Se desactivó el envío del endpoint <code>${v.url}</code> (${v.description}) de ${v.organization}: ${v.why}.</p>` +
    '<p>Los eventos nuevos no se le enviarán. Cuando el receptor funcione, actívalo de nuevo y usa ' +
    `«Reintentar fallidos» para reenviar lo que no recibió: ${v.link}</p>`,
};

export const endpointRecoveredEmail: EmailTemplate<Alert> = {
  subject: 'Webhooks: un endpoint de {{organization}} volvió a responder',
  text: `El endpoint {{url}} ({{description}}) de {{organization}} volvió a recibir eventos. Registro: {{link}}`,
  html: (v) =>
    `<p>El endpoint <code>${v.url}</code> (${v.description}) de ${v.organization} volvió a recibir eventos.</p>` +
    `<p>Registro: ${v.link}</p>`,
};

export const disabledWhy: Record<'gone' | 'failing', string> = {
  gone: 'el receptor respondió 410 Gone (ya no existe)',
  failing: 'todas sus entregas fallaron durante 5 días',
};

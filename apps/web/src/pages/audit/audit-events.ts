/**
 * The audit actions the server records today (`audit.record({ action })` across its modules) and
 * who can be an actor (`Actor['type']` in the audit module). The labels in `i18n` are typed over
 * these lists, so an action added here without a Spanish name does not compile; an action the
 * server adds before the web knows it is still shown, raw (`actionLabel`).
 */
export const auditActions = [
  'auth.login.succeeded',
  'auth.login.failed',
  'auth.logout',
  'auth.organization.switched',
  'api_key.created',
  'api_key.revoked',
  'api_key.signing_secret.rotated',
  'organization.settings.changed',
  'oauth_client.created',
  'oauth_client.updated',
  'oauth_client.revoked',
  'oauth.consent.granted',
  'oauth.consent.denied',
  'user.created',
  'user.invited',
  'user.role_changed',
  'user.deactivated',
  'user.reactivated',
  'user.removed',
  'user.password_changed',
  'user.password_reset_requested',
  'user.password_reset',
  'invitation.accepted',
  'invitation.declined',
  'invitation.revoked',
  'tenant.created',
  'secret.decrypted',
  'taxpayer.created',
  'taxpayer.removed',
  'cfdi.exported',
  'sat.package.downloaded',
  'sat.missing_xml.requested',
  'metadata.exported',
  'webhook_endpoint.created',
  'webhook_endpoint.updated',
  'webhook_endpoint.deleted',
  'webhook_endpoint.secret_rotated',
  'webhook_endpoint.recovered',
  'webhook_message.resent',
  // The schedules module (Sincronizaciones): a person paused, resumed or ran recurring work.
  'schedule.paused',
  'schedule.resumed',
  'schedule.run_requested',
  // The connectors module records these through a helper (`audit(…, 'connector.created', …)`).
  'connector.created',
  'connector.updated',
  'connector.deleted',
  'connector.records.accepted',
  'connector.records.ignored',
  // The plans module: the operator put the organization on a plan, or took it off.
  'plan.assigned',
  'plan.unassigned',
  'ai.settings.updated',
  'ai.prompt.saved',
  'ai.prompt.trial_requested',
  'pac.account.connected',
  'pac.account.disconnected',
  'pac.invoice.created',
  'pac.invoice.cancellation_requested',
  // The orders module (clients, orders, returns).
  'client.created',
  'client.updated',
  'client.archived',
  'client.unarchived',
  'client.deleted',
  'client.imported',
  'order.created',
  'order.updated',
  'order.status_changed',
  'order.deleted',
  'order.returned',
  'order.invoice_requested',
  // The catalog module (the accounting catalogue).
  'catalog_entry.created',
  'catalog_entry.updated',
  'catalog_entry.imported',
] as const;
export type AuditAction = (typeof auditActions)[number];

export const auditActorTypes = ['user', 'api_key', 'oauth_client', 'system', 'cli'] as const;
export type AuditActorType = (typeof auditActorTypes)[number];

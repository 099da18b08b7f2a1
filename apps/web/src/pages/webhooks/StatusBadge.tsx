import { Badge } from '../../components/Badge.js';
import { useI18n } from '../../i18n/i18n.js';
import { endpointStatus } from './webhook-labels.js';
import type { WebhookEndpoint } from './webhooks-api.js';

/** "Activo" or "Desactivado (motivo)", with when it was disabled in the tooltip. */
export function EndpointStatusBadge({ endpoint }: { endpoint: WebhookEndpoint }) {
  const { t, dateTime } = useI18n();
  const { tone, text } = endpointStatus(endpoint, t.webhooks);
  return (
    <Badge
      tone={tone}
      icon={tone === 'danger' ? '⚠' : undefined}
      title={endpoint.disabledAt ? dateTime(endpoint.disabledAt) : undefined}
      data-endpoint-status={endpoint.enabled ? 'enabled' : 'disabled'}
    >
      {text}
    </Badge>
  );
}

/** "Falla desde …": every attempt has failed since then; after 5 days the server disables it. */
export function FailingSince({ endpoint }: { endpoint: WebhookEndpoint }) {
  const { t, dateTime } = useI18n();
  if (!endpoint.failingSince || !endpoint.enabled) return null;
  return (
    <p className="mt-1 text-xs font-medium text-amber-800" title={t.webhooks.failingSinceHint}>
      <span aria-hidden="true">⚠ </span>
      {t.webhooks.failingSince(dateTime(endpoint.failingSince))}
    </p>
  );
}

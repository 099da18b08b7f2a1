import { webhookHeaders } from '@boveda/contracts';
import type { BadgeTone } from '../../components/Badge.js';
import { lookup } from '../../i18n/lookup.js';
import type { WebhooksMessages } from '../../i18n/webhooks-es-MX.js';
import type { WebhookAttempt, WebhookEndpoint } from './webhooks-api.js';

/** The type sent only on request ("Enviar evento de prueba"): nobody subscribes to it. */
export const TEST_EVENT_TYPE = 'webhook.test';

/** "Activo", or "Desactivado (motivo)" with the reason in Spanish (an unknown reason shown raw). */
export function endpointStatus(
  endpoint: Pick<WebhookEndpoint, 'enabled' | 'disabledReason'>,
  m: WebhooksMessages,
): { tone: BadgeTone; text: string } {
  if (endpoint.enabled) return { tone: 'success', text: m.active };
  const reason = endpoint.disabledReason;
  if (!reason) return { tone: 'neutral', text: m.disabled };
  return {
    tone: reason === 'manual' ? 'neutral' : 'danger',
    text: m.disabledBecause(lookup(m.disabledReasons, reason) ?? reason),
  };
}

export const outcomeTones = { succeeded: 'success', failed: 'danger' } satisfies Record<
  WebhookAttempt['outcome'],
  BadgeTone
>;

/** An attempt's error code in Spanish when the web knows it, else as the server sent it. */
export const attemptErrorText = (code: string, m: WebhooksMessages) => lookup(m.errorCodes, code) ?? code;

/** A catalogue type's description in the person's language; the server's (English) for unknown types. */
export const eventDescription = (type: string, serverText: string, m: WebhooksMessages) =>
  lookup(m.eventDescriptions, type) ?? serverText;

export interface HeaderRow {
  key: number;
  name: string;
  value: string;
}

/**
 * The header rows of a form as the API's `headers` object, checked with the contract's own schema:
 * empty rows are skipped; a name the server would refuse, or one given twice, is pointed at by row.
 */
export function headersFromRows(
  rows: readonly HeaderRow[],
  m: WebhooksMessages,
): { headers: Record<string, string>; errors: Record<number, string> } {
  const headers: Record<string, string> = {};
  const errors: Record<number, string> = {};
  const seen = new Set<string>();
  for (const row of rows) {
    const name = row.name.trim();
    if (name === '' && row.value === '') continue;
    if (!webhookHeaders.safeParse({ [name]: row.value }).success) {
      errors[row.key] = m.headerNameInvalid;
    } else if (seen.has(name.toLowerCase())) {
      errors[row.key] = m.headerDuplicate;
    } else {
      seen.add(name.toLowerCase());
      headers[name] = row.value;
    }
  }
  return { headers, errors };
}

/** `<input type="datetime-local">`'s value (the browser's time zone) as an ISO instant; null if unreadable. */
export function localDateTimeToIso(value: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/.test(value)) return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

/** An ISO instant as `<input type="datetime-local">` wants it, in the browser's time zone. */
export function isoToLocalDateTime(iso: string | number): string {
  const d = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** The receiver's answer or a payload, as readable text: JSON indented, anything else as is. */
export function prettyJson(value: unknown): string {
  if (typeof value === 'string') {
    try {
      return JSON.stringify(JSON.parse(value), null, 2);
    } catch {
      return value;
    }
  }
  return JSON.stringify(value, null, 2) ?? String(value);
}

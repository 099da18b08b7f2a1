import type { AuditEvent } from '../../api/types.js';
import type { Messages } from '../../i18n/es-MX.js';
import { lookup } from '../../i18n/lookup.js';

/** Known actions get a Spanish label; new server-side actions still show, as their raw name. */
export function actionLabel(action: string, t: Messages): string {
  return lookup(t.audit.actions, action) ?? action;
}

export function actorLabel(event: AuditEvent, t: Messages): string {
  if (event.actorLabel) return event.actorLabel;
  const kind = lookup(t.audit.actorTypes, event.actorType) ?? event.actorType;
  return event.actorId ? `${kind} ${event.actorId.slice(0, 8)}` : kind || t.audit.system;
}

export interface TargetLabel {
  kind: string;
  /** A human name from the event metadata (e.g. the key's name), when the server recorded one. */
  name?: string;
  id?: string;
}

export function targetLabel(event: AuditEvent, t: Messages): TargetLabel | null {
  if (!event.targetType) return null;
  const name = event.metadata?.name;
  return {
    kind: lookup(t.audit.targetTypes, event.targetType) ?? event.targetType,
    ...(typeof name === 'string' && name ? { name } : {}),
    ...(event.targetId ? { id: event.targetId } : {}),
  };
}

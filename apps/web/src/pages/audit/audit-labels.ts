import type { AuditEvent } from '../../api/types.js';
import type { Messages } from '../../i18n/es-MX.js';

/** Known actions get a Spanish label; new server-side actions still show, as their raw name. */
export function actionLabel(action: string, t: Messages): string {
  return Object.hasOwn(t.audit.actions, action) ? t.audit.actions[action]! : action;
}

export function actorLabel(event: AuditEvent, t: Messages): string {
  if (event.actorLabel) return event.actorLabel;
  const kind = Object.hasOwn(t.audit.actorTypes, event.actorType)
    ? t.audit.actorTypes[event.actorType]
    : event.actorType;
  return event.actorId ? `${kind} ${event.actorId.slice(0, 8)}` : (kind ?? t.audit.system);
}

export function targetLabel(event: AuditEvent, t: Messages): string {
  if (!event.targetType) return '—';
  const kind = Object.hasOwn(t.audit.targetTypes, event.targetType)
    ? t.audit.targetTypes[event.targetType]!
    : event.targetType;
  return event.targetId ? `${kind} · ${event.targetId}` : kind;
}

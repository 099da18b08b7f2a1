import { parseActorLabel } from '@boveda/contracts';
import type { AuditEvent } from '../../api/types.js';
import type { Messages } from '../../i18n/es-MX.js';
import { lookup } from '../../i18n/lookup.js';

/** Known actions get a Spanish label; new server-side actions still show, as their raw name. */
export function actionLabel(action: string, t: Messages): string {
  return lookup(t.audit.actions, action) ?? action;
}

/**
 * Who acted. A person's, key's or application's label is their own name (shown as is); Bóveda's
 * own actors (system, command line) carry a label from `systemActorLabels` or `<kind>:<name>`,
 * named here in the person's language.
 */
export function actorLabel(event: AuditEvent, t: Messages): string {
  if (event.actorLabel && (event.actorType === 'system' || event.actorType === 'cli')) {
    const parsed = parseActorLabel(event.actorLabel);
    if (parsed && 'label' in parsed) return t.actors.system[parsed.label];
    if (parsed) return t.actors.kinds[parsed.kind](parsed.name);
  }
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

export interface ChangeLine {
  field: string;
  before: string;
  after: string;
}

/** `metadata.changes` (the server's `changesOf`: `{ field: { before, after } }`) as lines to show. */
export function changeLines(event: AuditEvent): ChangeLine[] {
  const changes = event.metadata?.changes;
  if (!changes || typeof changes !== 'object' || Array.isArray(changes)) return [];
  return Object.entries(changes as Record<string, unknown>).flatMap(([field, change]) => {
    if (!change || typeof change !== 'object' || !('before' in change) || !('after' in change)) return [];
    const { before, after } = change as { before: unknown; after: unknown };
    return [{ field, before: shown(before), after: shown(after) }];
  });
}

function shown(value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** How many records a batched read (`secret.decrypted` with `metadata.records`) covered. */
export function recordCount(event: AuditEvent): number | null {
  const count = event.metadata?.count;
  return Array.isArray(event.metadata?.records) && typeof count === 'number' ? count : null;
}

import { decodeIdCursor, encodeIdCursor } from '../../platform/http/cursors.js';
import type { AuditRepository } from './audit.repository.js';

export interface Actor {
  type: 'user' | 'api_key' | 'oauth_client' | 'cli' | 'system';
  id?: string;
  label?: string;
  ip?: string;
  userAgent?: string;
}

export interface AuditInput {
  tenantId: string | null;
  actor: Actor;
  /** `<noun>.<verb>`, e.g. `api_key.created`, `auth.login.failed`, `secret.decrypted`. */
  action: string;
  target?: { type: string; id: string };
  /** Never secrets: this is stored in clear and shown to admins. */
  metadata?: Record<string, unknown>;
}

export interface AuditRecorder {
  record(input: AuditInput): Promise<void>;
}

export function createAuditService(repo: AuditRepository) {
  return {
    async record(input: AuditInput) {
      await repo.insert({
        tenantId: input.tenantId,
        actorType: input.actor.type,
        actorId: input.actor.id ?? null,
        actorLabel: input.actor.label ?? null,
        action: input.action,
        targetType: input.target?.type ?? null,
        targetId: input.target?.id ?? null,
        ip: input.actor.ip ?? null,
        userAgent: input.actor.userAgent?.slice(0, 512) ?? null,
        metadata: input.metadata ?? null,
      });
    },
    async list(tenantId: string, limit: number, cursor?: string) {
      const rows = await repo.list(tenantId, limit + 1, cursor ? decodeIdCursor(cursor) : undefined);
      const items = rows.slice(0, limit);
      return { items, nextCursor: rows.length > limit ? encodeIdCursor(items.at(-1)!.id) : null };
    },
  };
}

export type AuditService = ReturnType<typeof createAuditService>;

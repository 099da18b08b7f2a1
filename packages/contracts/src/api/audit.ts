import { z } from 'zod';
import { pageOf, pageQuery } from '../primitives.js';

/** `GET /api/v1/audit-events`: newest first. */
export const auditEventListQuery = pageQuery();

/** One line of the audit trail: who (actor) did what (action) to which target, from where. */
export const auditEventItem = z.object({
  id: z.string(),
  action: z.string(),
  actorType: z.string(),
  actorId: z.string().nullable(),
  actorLabel: z.string().nullable(),
  targetType: z.string().nullable(),
  targetId: z.string().nullable(),
  ip: z.string().nullable(),
  userAgent: z.string().nullable(),
  metadata: z.record(z.string(), z.unknown()).nullable(),
  createdAt: z.string(),
});
export const auditEventPage = pageOf(auditEventItem);

export type AuditEventListQuery = z.input<typeof auditEventListQuery>;
export type AuditEventItem = z.output<typeof auditEventItem>;
export type AuditEventPage = z.output<typeof auditEventPage>;

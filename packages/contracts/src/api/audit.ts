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

/** Why a chain is broken (see `GET /api/v1/audit-events/verify`). */
export const auditChainBreakReasons = ['hash_mismatch', 'gap', 'prev_mismatch', 'head_mismatch'] as const;

/**
 * `GET /api/v1/audit-events/verify`: the organization's hash chain re-computed from its first event.
 * `unchained` events were written before the chain existed and are not verified; `firstBroken`
 * names where the chain stops matching (absent when `ok`).
 */
export const auditChainVerification = z.object({
  ok: z.boolean(),
  checked: z.number().int().nonnegative(),
  unchained: z.number().int().nonnegative(),
  headSeq: z.number().int().nonnegative(),
  firstBroken: z
    .object({
      /** The event's id (as in the list), or null when the event at `seq` is gone (a deleted tail). */
      id: z.string().nullable(),
      seq: z.number().int(),
      reason: z.enum(auditChainBreakReasons),
      /** For `gap` and a deleted tail: the first missing position. */
      expectedSeq: z.number().int().optional(),
    })
    .optional(),
});
export type AuditChainVerification = z.output<typeof auditChainVerification>;
export type AuditChainBreakReason = (typeof auditChainBreakReasons)[number];

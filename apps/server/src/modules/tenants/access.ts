import type { Tx } from '../../platform/db/transaction.js';

/**
 * What other modules hold for a person, ended by them when this module says so, in the transaction
 * of the change (a removal, a deactivation, a password reset). `auth` ends sessions and the API keys
 * the person created; `oauth` the tokens issued to them. Modules built after `tenants` register one
 * in the composition root (`app/modules.ts`), so `tenants` depends on none of them. Each answers
 * how many things it ended, by name, for the audit event.
 */
export interface AccessEnder {
  /** The person lost (or was suspended from) one organization. */
  endMembership?(tx: Tx, tenantId: string, userId: string): Promise<Record<string, number>>;
  /** The person's password changed: their sessions in every organization end, except `keepSessionId`. */
  endSessions?(tx: Tx, userId: string, keepSessionId: string | null): Promise<Record<string, number>>;
}

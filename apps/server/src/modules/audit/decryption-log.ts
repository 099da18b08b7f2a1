import { kindActorLabel } from '@boveda/contracts';
import { type AccessLog, MAX_OPEN_BATCH, type Reader } from '../../platform/crypto/index.js';
import type { Actor, AuditRecorder } from './audit.service.js';

/**
 * The reader as the trail names actors, and what ties the read to its context. `audit_events`
 * has no request id column, so the request id (or the job run) goes in the metadata.
 */
function describe(reader: Reader): { actor: Actor; metadata: Record<string, string> } {
  switch (reader.type) {
    case 'user':
    case 'api_key':
    case 'oauth_client': {
      const { type, id, label, ip, userAgent, requestId } = reader;
      return {
        actor: {
          type,
          id,
          ...(label ? { label } : {}),
          ...(ip ? { ip } : {}),
          ...(userAgent ? { userAgent } : {}),
        },
        metadata: { requestId },
      };
    }
    case 'job':
      return {
        actor: { type: 'system', id: reader.jobId, label: kindActorLabel('job', reader.job) },
        metadata: { job: reader.job, jobId: reader.jobId },
      };
    case 'cli':
      return { actor: { type: 'cli', label: reader.label }, metadata: { command: reader.command } };
  }
}

/** Identities per event: the secret box's own batch bound, kept here too for any other caller. */
const RECORDS_PER_EVENT = MAX_OPEN_BATCH;

/**
 * The secret box's access log: one `secret.decrypted` event per decryption, naming who read which
 * record (the target is the ciphertext's record identity, never its content). A batch
 * (`openColumns`) is one event: target = its first identity, `metadata.records` = every identity
 * and `metadata.count` their number (a batch above the bound would be split into several events).
 * Built before the secret box, which takes it at construction.
 */
export function createDecryptionAuditLog(audit: AuditRecorder): AccessLog {
  return {
    async recordDecryption({ tenantId, aad, aads, reader }) {
      const { actor, metadata } = describe(reader);
      if (!aads || aads.length === 0 || (aads.length === 1 && aads[0] === aad)) {
        await audit.record({
          tenantId,
          actor,
          action: 'secret.decrypted',
          target: { type: 'secret', id: aad },
          metadata,
        });
        return;
      }
      for (let i = 0; i < aads.length; i += RECORDS_PER_EVENT) {
        const records = aads.slice(i, i + RECORDS_PER_EVENT);
        await audit.record({
          tenantId,
          actor,
          action: 'secret.decrypted',
          target: { type: 'secret', id: records[0]! },
          metadata: { ...metadata, count: records.length, records },
        });
      }
    },
  };
}

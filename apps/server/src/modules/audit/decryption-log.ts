import type { AccessLog, Reader } from '../../platform/crypto/index.js';
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
        actor: { type: 'system', id: reader.jobId, label: `job:${reader.job}` },
        metadata: { job: reader.job, jobId: reader.jobId },
      };
    case 'cli':
      return { actor: { type: 'cli', label: reader.label }, metadata: { command: reader.command } };
  }
}

/**
 * The secret box's access log: one `secret.decrypted` event per decryption, naming who read which
 * record (the target is the ciphertext's record identity, never its content). Built before the
 * secret box, which takes it at construction.
 */
export function createDecryptionAuditLog(audit: AuditRecorder): AccessLog {
  return {
    async recordDecryption({ tenantId, aad, reader }) {
      const { actor, metadata } = describe(reader);
      await audit.record({
        tenantId,
        actor,
        action: 'secret.decrypted',
        target: { type: 'secret', id: aad },
        metadata,
      });
    },
  };
}

export { auditModule } from './audit.module.js';
export { createAuditRepository } from './audit.repository.js';
export { registerAuditRoutes } from './audit.routes.js';
export type {
  Actor,
  AuditInput,
  AuditRecorder,
  AuditService,
  ChainBreakReason,
  ChainVerification,
} from './audit.service.js';
export { createAuditService } from './audit.service.js';
export { type ChangesOptions, changesOf, type FieldChange, MASK, maskValue } from './changes.js';
export { createDecryptionAuditLog } from './decryption-log.js';

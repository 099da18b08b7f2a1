export { BLIND_INDEX_BYTES, type Normalizer } from './blind-index.js';
export { bytea } from './bytea.js';
export { canonicalJson, sha256 } from './canonical-json.js';
export type { ColumnRef, JsonValue } from './column-value.js';
export {
  DecryptionError,
  MasterKeyConfigError,
  MasterKeyUnavailableError,
  SecretBoxInputError,
} from './crypto.errors.js';
export { tenantDataKeys } from './crypto.schema.js';
export type { MasterKey } from './master-key.js';
export {
  type KeyringLog,
  type LoadMasterKeyringOptions,
  loadMasterKeyring,
  type MasterKeyring,
} from './master-keyring.js';
export { normalize } from './normalizers.js';
export type { AccessLog, CliReader, DecryptionEvent, JobReader, Reader, RequestReader } from './reader.js';
export {
  type RotateMasterKeyOptions,
  type RotateMasterKeyResult,
  rotateMasterKey,
} from './rotate-master-key.js';
export {
  createSecretBox,
  MAX_OPEN_BATCH,
  SECRET_FORMAT_VERSION,
  type SecretBox,
  type SecretBoxOptions,
} from './secret-box.js';

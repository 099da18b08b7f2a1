export { DerError } from './der.js';
export {
  EncryptedKeyFormatError,
  type EncryptedKeyParams,
  keyDerivationProblem,
  MAX_KDF_ITERATIONS,
  readEncryptedKeyParams,
} from './encrypted-private-key.js';
export {
  createTrustStore,
  readCertificates,
  type TrustAnchor,
  TrustAnchorError,
  type TrustStore,
} from './trust-store.js';

/**
 * Crypto errors carry a stable `code` and a fixed message: they never say which check failed
 * (tenant, associated data, tag, key version), so a caller cannot use them as an oracle and no
 * key material or plaintext can end up in a log line or a response.
 */
export class DecryptionError extends Error {
  readonly code = 'DECRYPTION_FAILED';
  constructor() {
    super('The secret could not be decrypted');
    this.name = 'DecryptionError';
  }
}

/** A data key is wrapped by a master key that this process does not hold. */
export class MasterKeyUnavailableError extends Error {
  readonly code = 'MASTER_KEY_UNAVAILABLE';
  // The id is a fingerprint (sha256 prefix), safe to show; it tells the operator which key to restore.
  constructor(readonly masterKeyId: string) {
    super(
      `Master key ${masterKeyId} is not loaded: restore it in the key file or set it as BOVEDA_MASTER_KEY_PREVIOUS`,
    );
    this.name = 'MasterKeyUnavailableError';
  }
}

/** The key file or a configured master key is unusable. The message names the file, never its content. */
export class MasterKeyConfigError extends Error {
  readonly code = 'MASTER_KEY_INVALID';
  constructor(message: string) {
    super(message);
    this.name = 'MasterKeyConfigError';
  }
}

/** A caller passed something the secret box cannot work with (e.g. a tenant id that is not a UUID). */
export class SecretBoxInputError extends Error {
  readonly code = 'SECRET_BOX_INVALID_INPUT';
  constructor(message: string) {
    super(message);
    this.name = 'SecretBoxInputError';
  }
}

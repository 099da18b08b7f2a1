import { createPrivateKey } from 'node:crypto';
import { Certificate, PrivateKey } from '@nodecfdi/credentials/node';

export interface KeyProofInput {
  certificateDer: Uint8Array;
  privateKeyDer: Uint8Array;
  password: string;
}

/** What the expensive part of the check found; the codes are the taxpayers module's. */
export type KeyProof =
  | { ok: true }
  | { ok: false; code: 'EFIRMA_BAD_PASSWORD' | 'EFIRMA_NOT_A_KEY' | 'EFIRMA_KEY_MISMATCH'; detail?: string };

const buffer = (bytes: Uint8Array) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);

/**
 * Opens the key with the password and checks it is the certificate's: PBKDF2 plus RSA work, which
 * is why it runs on a worker thread (`efirma-key.worker.ts`) and only after the key's KDF cost was
 * read and bounded. Never throws for a bad key: every outcome is a value.
 */
export function proveEfirmaKey(input: KeyProofInput): KeyProof {
  const der = buffer(input.privateKeyDer);
  try {
    createPrivateKey({ key: der, format: 'der', type: 'pkcs8', passphrase: input.password });
  } catch {
    return { ok: false, code: 'EFIRMA_BAD_PASSWORD' };
  }
  let key: PrivateKey;
  try {
    key = new PrivateKey(der.toString('binary'), input.password);
  } catch {
    // OpenSSL opened it but the signing library cannot: the SAT client would fail later, so refuse now.
    return {
      ok: false,
      code: 'EFIRMA_NOT_A_KEY',
      detail: 'The private key opens but cannot be used for signing.',
    };
  }
  const certificate = new Certificate(buffer(input.certificateDer).toString('binary'));
  if (!key.belongsTo(certificate)) {
    return {
      ok: false,
      code: 'EFIRMA_KEY_MISMATCH',
      detail: `The private key is not the one of the certificate of ${certificate.rfc()}.`,
    };
  }
  return { ok: true };
}

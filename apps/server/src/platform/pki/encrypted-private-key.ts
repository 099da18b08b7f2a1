import { childrenOf, DerError, expectTag, readNode, readOid, readUnsigned, TAG } from './der.js';

/**
 * How an encrypted PKCS#8 private key (RFC 5958 EncryptedPrivateKeyInfo) derives its key from the
 * password, read from its ASN.1 without deriving anything. Opening a key costs what its KDF says:
 * a file that asks for millions of PBKDF2 iterations would hold a CPU for seconds per attempt, so
 * callers check these parameters first (`keyDerivationProblem`).
 */
export interface EncryptedKeyParams {
  /** PBES2 (PKCS#5 v2), PBES1 (PKCS#5 v1) or a PKCS#12 password-based scheme. */
  scheme: 'pbes2' | 'pbes1' | 'pkcs12';
  kdf: 'pbkdf2' | 'scrypt' | 'pbkdf1' | 'pkcs12';
  /** Iteration count (for scrypt: its cost N). */
  iterations: bigint;
  /** Key-derivation and encryption algorithm OIDs, for messages and logs. */
  kdfOid: string;
  cipherOid: string;
}

const OID = {
  pbes2: '1.2.840.113549.1.5.13',
  pbkdf2: '1.2.840.113549.1.5.12',
  scrypt: '1.3.6.1.4.1.11591.4.11',
};
// PKCS#5 v1 PBES1 (pbeWithMD2/MD5/SHA1And{DES,RC2}-CBC) and PKCS#12 pbeWithSHAAnd* share one
// parameter shape: SEQUENCE { salt OCTET STRING, iterationCount INTEGER }.
const PBES1 = new Set(['1', '3', '4', '6', '10', '11'].map((n) => `1.2.840.113549.1.5.${n}`));
const PKCS12_PBE = new Set(['1', '2', '3', '4', '5', '6'].map((n) => `1.2.840.113549.1.12.1.${n}`));

export class EncryptedKeyFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EncryptedKeyFormatError';
  }
}

/** Reads the KDF parameters of an EncryptedPrivateKeyInfo (DER). Throws EncryptedKeyFormatError. */
export function readEncryptedKeyParams(der: Uint8Array): EncryptedKeyParams {
  try {
    const root = expectTag(readNode(der, 0), TAG.SEQUENCE, 'EncryptedPrivateKeyInfo');
    if (root.end !== der.length) throw new DerError('trailing bytes after the key');
    const [algorithm, data] = childrenOf(der, root);
    expectTag(data, TAG.OCTET_STRING, 'encryptedData');
    const [oidNode, params] = childrenOf(der, expectTag(algorithm, TAG.SEQUENCE, 'encryptionAlgorithm'));
    const oid = readOid(der, oidNode!);
    if (oid === OID.pbes2) return readPbes2(der, expectTag(params, TAG.SEQUENCE, 'PBES2 parameters'));
    if (PBES1.has(oid) || PKCS12_PBE.has(oid)) {
      const [salt, count] = childrenOf(der, expectTag(params, TAG.SEQUENCE, 'PBE parameters'));
      expectTag(salt, TAG.OCTET_STRING, 'salt');
      const pkcs12 = PKCS12_PBE.has(oid);
      return {
        scheme: pkcs12 ? 'pkcs12' : 'pbes1',
        kdf: pkcs12 ? 'pkcs12' : 'pbkdf1',
        iterations: readUnsigned(der, expectTag(count, TAG.INTEGER, 'iteration count')),
        kdfOid: oid,
        cipherOid: oid,
      };
    }
    throw new EncryptedKeyFormatError(`unknown key encryption scheme ${oid}`);
  } catch (err) {
    if (err instanceof DerError)
      throw new EncryptedKeyFormatError(`not an encrypted private key: ${err.message}`);
    throw err;
  }
}

function readPbes2(der: Uint8Array, params: ReturnType<typeof readNode>): EncryptedKeyParams {
  const [kdf, cipher] = childrenOf(der, params);
  const [kdfOidNode, kdfParams] = childrenOf(der, expectTag(kdf, TAG.SEQUENCE, 'keyDerivationFunc'));
  const [cipherOidNode] = childrenOf(der, expectTag(cipher, TAG.SEQUENCE, 'encryptionScheme'));
  const kdfOid = readOid(der, kdfOidNode!);
  const cipherOid = readOid(der, cipherOidNode!);
  const fields = childrenOf(der, expectTag(kdfParams, TAG.SEQUENCE, 'KDF parameters'));
  if (kdfOid === OID.pbkdf2) {
    // PBKDF2-params: salt (an OCTET STRING in every real key), iterationCount, keyLength?, prf?
    expectTag(fields[0], TAG.OCTET_STRING, 'salt');
    const iterations = readUnsigned(der, expectTag(fields[1], TAG.INTEGER, 'iteration count'));
    return { scheme: 'pbes2', kdf: 'pbkdf2', iterations, kdfOid, cipherOid };
  }
  if (kdfOid === OID.scrypt) {
    // scrypt-params (RFC 7914): salt, costParameter N, blockSize, parallelization, keyLength?
    const cost = readUnsigned(der, expectTag(fields[1], TAG.INTEGER, 'scrypt cost'));
    return { scheme: 'pbes2', kdf: 'scrypt', iterations: cost, kdfOid, cipherOid };
  }
  throw new EncryptedKeyFormatError(`unknown key derivation function ${kdfOid}`);
}

/**
 * The SAT's e.firma and CSD keys use PBES2 with PBKDF2 at 2,048 iterations (OpenSSL's default);
 * tools that re-encrypt a key use up to 10,000 (PKCS#12 tools) and OWASP-style settings reach
 * 600,000 for new passwords. 100,000 accepts every real-world key we know of and bounds one
 * password attempt to under a second in the pure-JavaScript PBKDF2 the SAT client library uses
 * (~8.3 µs per iteration measured on the 2-core dev machine: 1 M iterations took 8.3 s).
 */
export const MAX_KDF_ITERATIONS = 100_000;

/**
 * Why opening this key would cost more than a real key does, or `null` when it is fine. Only
 * PBKDF2-based PBES2 and the legacy PBE schemes are accepted: the SAT issues nothing else, and
 * scrypt's memory cost is another way to exhaust a server.
 */
export function keyDerivationProblem(params: EncryptedKeyParams): string | null {
  if (params.kdf === 'scrypt') return 'the key is encrypted with scrypt, which SAT keys never use';
  if (params.iterations < 1n) return 'the key declares no key-derivation iterations';
  if (params.iterations > BigInt(MAX_KDF_ITERATIONS)) {
    const asked =
      params.iterations > 10n ** 12n ? 'over a trillion' : params.iterations.toLocaleString('en-US');
    return `the key asks for ${asked} key-derivation iterations; SAT keys use 2,048 and at most ${MAX_KDF_ITERATIONS.toLocaleString('en-US')} are accepted`;
  }
  return null;
}

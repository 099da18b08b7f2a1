import { createHash, createPrivateKey, X509Certificate } from 'node:crypto';
import { RFC_PATTERN } from '@boveda/contracts';
import { Certificate } from '@nodecfdi/credentials/node';
import {
  EncryptedKeyFormatError,
  keyDerivationProblem,
  readEncryptedKeyParams,
  type TrustStore,
} from '../../platform/pki/index.js';
import type { KeyProof, KeyProofInput } from './efirma-key-proof.js';
import { taxpayerErrors } from './taxpayers.errors.js';

export interface EfirmaFiles {
  certificate: Buffer;
  privateKey: Buffer;
  password: string;
}

/** What a valid e.firma tells us, plus the material normalised to DER for storage. */
export interface ValidatedEfirma {
  rfc: string;
  legalName: string;
  /** SAT "número de certificado" (the serial's ASCII digits). */
  certificateSerial: string;
  certificateSha256: string;
  validFrom: Date;
  validUntil: Date;
  certificateDer: Buffer;
  /** Encrypted PKCS#8 DER, opened by the password (what the SAT ships as `.key`). */
  privateKeyDer: Buffer;
}

/** What the e.firma check needs besides the files: whom to trust, and where to run the key work. */
export interface EfirmaChecks {
  trust: TrustStore;
  /** Opens the key and matches it to the certificate, off the HTTP thread and time-bounded. */
  proveKey(input: KeyProofInput): Promise<KeyProof>;
}

const PEM_BLOCK = /-----BEGIN ([A-Z ]+)-----([\s\S]*?)-----END \1-----/;
// SAT e.firma and CSD keys are RSA 2048. Larger keys only make every signature slower; 4096 is
// the largest any CA we know issues to taxpayers.
const MAX_RSA_BITS = 4096;

/**
 * Checks, in the order a person can fix them: the certificate is one the SAT issued (a trusted
 * AC signed it), an e.firma (not a CSD) and current at `now`; the key is an encrypted private key
 * whose password-derivation cost is what SAT keys use; the password opens it; and it belongs to the
 * certificate. Everything up to the key's parameters is cheap and runs here; opening the key runs
 * through `checks.proveKey`. Every failure is a typed 422 whose text never contains key bytes or
 * the password.
 */
export async function validateEfirma(
  files: EfirmaFiles,
  now: Date,
  checks: EfirmaChecks,
): Promise<ValidatedEfirma> {
  const inspected = inspectEfirma(files, now, checks.trust);
  const proof = await checks.proveKey({
    certificateDer: inspected.certificateDer,
    privateKeyDer: inspected.privateKeyDer,
    password: files.password,
  });
  if (!proof.ok) throw taxpayerErrors(proof.code, proof.detail);
  return inspected;
}

/** The cheap part of `validateEfirma`: no key derivation, no private-key operation. */
export function inspectEfirma(files: EfirmaFiles, now: Date, trust: TrustStore): ValidatedEfirma {
  if (files.certificate.length === 0)
    throw taxpayerErrors('EFIRMA_MISSING_FILE', 'The certificate file is empty.');
  if (files.privateKey.length === 0)
    throw taxpayerErrors('EFIRMA_MISSING_FILE', 'The private key file is empty.');
  if (files.password.length === 0) throw taxpayerErrors('EFIRMA_MISSING_FILE', 'The password is empty.');

  const certificate = readCertificate(files.certificate);
  const rfc = certificate.rfc;
  if (!trust.issuerOf(certificate.x509)) {
    throw taxpayerErrors(
      'EFIRMA_NOT_ISSUED_BY_SAT',
      `The certificate of ${rfc} was issued by "${issuerName(certificate.x509)}", which is not a SAT certification authority.`,
    );
  }
  if (certificate.parsed.satType().isCsd()) {
    throw taxpayerErrors(
      'EFIRMA_IS_CSD',
      `The certificate of ${rfc} is a CSD (branch "${certificate.parsed.branchName()}").`,
    );
  }
  const validFrom = certificate.parsed.validFrom();
  const validUntil = certificate.parsed.validTo();
  if (now.getTime() < validFrom.getTime()) {
    throw taxpayerErrors(
      'EFIRMA_NOT_YET_VALID',
      `The e.firma of ${rfc} is valid from ${validFrom.toISOString()}.`,
    );
  }
  if (now.getTime() > validUntil.getTime()) {
    throw taxpayerErrors('EFIRMA_EXPIRED', `The e.firma of ${rfc} expired on ${validUntil.toISOString()}.`);
  }

  return {
    rfc,
    legalName: certificate.legalName,
    certificateSerial: certificate.serial,
    certificateSha256: createHash('sha256').update(certificate.der).digest('hex'),
    validFrom,
    validUntil,
    certificateDer: certificate.der,
    privateKeyDer: affordableEncryptedKey(files.privateKey),
  };
}

function readCertificate(bytes: Buffer) {
  let parsed: Certificate;
  let x509: X509Certificate;
  let rfc: string;
  try {
    parsed = new Certificate(bytes.toString('binary'));
    // Throws on certificates without x500UniqueIdentifier, i.e. not shaped like a SAT one.
    rfc = parsed.rfc().trim().toUpperCase();
    x509 = new X509Certificate(Buffer.from(parsed.pemAsOneLine(), 'base64'));
  } catch {
    throw taxpayerErrors('EFIRMA_NOT_A_CERTIFICATE');
  }
  if (!RFC_PATTERN.test(rfc)) {
    throw taxpayerErrors('EFIRMA_NOT_A_CERTIFICATE', 'The certificate does not carry a valid RFC.');
  }
  const key = x509.publicKey.asymmetricKeyDetails;
  if (x509.publicKey.asymmetricKeyType !== 'rsa' || (key?.modulusLength ?? Infinity) > MAX_RSA_BITS) {
    throw taxpayerErrors('EFIRMA_NOT_A_CERTIFICATE', 'The certificate holds a key the SAT does not issue.');
  }
  const legalName = (parsed.legalName() || parsed.name() || '').trim();
  if (!legalName) throw taxpayerErrors('EFIRMA_NOT_A_CERTIFICATE', 'The certificate does not carry a name.');
  const serialNumber = parsed.serialNumber();
  const serial = serialNumber.bytesArePrintable() ? serialNumber.bytes() : serialNumber.decimal();
  return { parsed, x509, rfc, legalName, serial, der: Buffer.from(x509.raw) };
}

/** The issuer's common name (or whole name) as a person reads it, bounded for messages. */
function issuerName(x509: X509Certificate): string {
  const cn = /(?:^|\n)CN=([^\n]*)/.exec(x509.issuer)?.[1] ?? x509.issuer;
  return cn.slice(0, 120);
}

/**
 * The `.key` as encrypted PKCS#8 DER (a PEM of the same is accepted and converted), refused when
 * deriving its key from the password would cost more than a SAT key does. Only the ASN.1 is read
 * here: nothing is derived or decrypted.
 */
function affordableEncryptedKey(bytes: Buffer): Buffer {
  let der = bytes;
  const pem = PEM_BLOCK.exec(bytes.subarray(0, 64 * 1024).toString('latin1'));
  if (pem) {
    if (pem[1] !== 'ENCRYPTED PRIVATE KEY') throw notEncrypted();
    der = Buffer.from(pem[2]!.replace(/\s+/g, ''), 'base64');
  }
  let problem: string | null;
  try {
    problem = keyDerivationProblem(readEncryptedKeyParams(der));
  } catch (err) {
    if (!(err instanceof EncryptedKeyFormatError)) throw err;
    throw isPlainPrivateKey(der) ? notEncrypted() : taxpayerErrors('EFIRMA_NOT_A_KEY');
  }
  if (problem) throw taxpayerErrors('EFIRMA_KEY_UNSUPPORTED', `The private key is refused: ${problem}.`);
  return der;
}

const notEncrypted = () =>
  taxpayerErrors('EFIRMA_NOT_A_KEY', 'The private key is not encrypted; upload the .key file from the SAT.');

/** An unencrypted key parses without any derivation; worth a clearer message than "not a key". */
function isPlainPrivateKey(der: Buffer): boolean {
  try {
    createPrivateKey({ key: der, format: 'der', type: 'pkcs8' });
    return true;
  } catch {
    return false;
  }
}

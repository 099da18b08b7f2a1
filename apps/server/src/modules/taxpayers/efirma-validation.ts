import { createHash, createPrivateKey } from 'node:crypto';
import { Certificate, PrivateKey } from '@nodecfdi/credentials/node';
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

// Persona moral (3 letters) or física (4), date, homoclave. `&` and `Ñ` are valid RFC letters.
export const RFC_PATTERN = /^[A-ZÑ&]{3,4}\d{6}[A-Z\d]{3}$/;
const PEM_BLOCK = /-----BEGIN ([A-Z ]+)-----([\s\S]*?)-----END \1-----/;

/**
 * Checks, in the order a person can fix them: the certificate is a SAT e.firma (not a CSD) and
 * current at `now`, the key is an encrypted private key, the password opens it, and it belongs to
 * the certificate. Every failure is a typed 422 whose text never contains key bytes or the password.
 */
export function validateEfirma(files: EfirmaFiles, now: Date): ValidatedEfirma {
  if (files.certificate.length === 0)
    throw taxpayerErrors('EFIRMA_MISSING_FILE', 'The certificate file is empty.');
  if (files.privateKey.length === 0)
    throw taxpayerErrors('EFIRMA_MISSING_FILE', 'The private key file is empty.');
  if (files.password.length === 0) throw taxpayerErrors('EFIRMA_MISSING_FILE', 'The password is empty.');

  const certificate = readCertificate(files.certificate);
  const rfc = certificate.rfc;
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

  const privateKeyDer = encryptedPkcs8Der(files.privateKey);
  try {
    createPrivateKey({ key: privateKeyDer, format: 'der', type: 'pkcs8', passphrase: files.password });
  } catch {
    throw taxpayerErrors('EFIRMA_BAD_PASSWORD');
  }
  let key: PrivateKey;
  try {
    key = new PrivateKey(privateKeyDer.toString('binary'), files.password);
  } catch {
    // OpenSSL opened it but the signing library cannot: the SAT client would fail later, so refuse now.
    throw taxpayerErrors('EFIRMA_NOT_A_KEY', 'The private key opens but cannot be used for signing.');
  }
  if (!key.belongsTo(certificate.parsed)) {
    throw taxpayerErrors(
      'EFIRMA_KEY_MISMATCH',
      `The private key is not the one of the certificate of ${rfc}.`,
    );
  }

  return {
    rfc,
    legalName: certificate.legalName,
    certificateSerial: certificate.serial,
    certificateSha256: createHash('sha256').update(certificate.der).digest('hex'),
    validFrom,
    validUntil,
    certificateDer: certificate.der,
    privateKeyDer,
  };
}

function readCertificate(bytes: Buffer) {
  let parsed: Certificate;
  let rfc: string;
  try {
    parsed = new Certificate(bytes.toString('binary'));
    // Throws on certificates without x500UniqueIdentifier, i.e. not issued by the SAT.
    rfc = parsed.rfc().trim().toUpperCase();
  } catch {
    throw taxpayerErrors('EFIRMA_NOT_A_CERTIFICATE');
  }
  if (!RFC_PATTERN.test(rfc)) {
    throw taxpayerErrors('EFIRMA_NOT_A_CERTIFICATE', 'The certificate does not carry a valid RFC.');
  }
  const legalName = (parsed.legalName() || parsed.name() || '').trim();
  if (!legalName) throw taxpayerErrors('EFIRMA_NOT_A_CERTIFICATE', 'The certificate does not carry a name.');
  const serialNumber = parsed.serialNumber();
  const serial = serialNumber.bytesArePrintable() ? serialNumber.bytes() : serialNumber.decimal();
  const der = Buffer.from(parsed.pemAsOneLine(), 'base64');
  return { parsed, rfc, legalName, serial, der };
}

/** The `.key` as encrypted PKCS#8 DER; a PEM of the same is accepted and converted. */
function encryptedPkcs8Der(bytes: Buffer): Buffer {
  let der = bytes;
  const pem = PEM_BLOCK.exec(bytes.subarray(0, 64 * 1024).toString('latin1'));
  if (pem) {
    if (pem[1] !== 'ENCRYPTED PRIVATE KEY') {
      throw taxpayerErrors(
        'EFIRMA_NOT_A_KEY',
        'The private key is not encrypted; upload the .key file from the SAT.',
      );
    }
    der = Buffer.from(pem[2]!.replace(/\s+/g, ''), 'base64');
  }
  try {
    createPrivateKey({ key: der, format: 'der', type: 'pkcs8' });
  } catch (err) {
    // Only an encrypted PKCS#8 structure asks for a passphrase; anything else is not a SAT key.
    if ((err as { code?: string }).code === 'ERR_MISSING_PASSPHRASE') return der;
    throw taxpayerErrors('EFIRMA_NOT_A_KEY');
  }
  throw taxpayerErrors(
    'EFIRMA_NOT_A_KEY',
    'The private key is not encrypted; upload the .key file from the SAT.',
  );
}

import { X509Certificate } from 'node:crypto';

export interface SatCertificate {
  x509: X509Certificate;
  /** Taxpayer RFC: first token of the subject's x500UniqueIdentifier (the second is the legal representative). */
  rfc: string;
  /** Serial as hex of the ASCII "número de certificado", as the SAT puts it in `wrap_subject`. */
  serialHex: string;
  /** e.firma (FIEL) vs CSD: SAT CSDs carry an OU (branch name) and no extended key usage. */
  isFiel: boolean;
  validFrom: Date;
  validTo: Date;
}

export class CertificateError extends Error {
  override readonly name = 'CertificateError';
}

export function readCertificate(base64Der: string): SatCertificate {
  let x509: X509Certificate;
  try {
    x509 = new X509Certificate(Buffer.from(base64Der.replace(/\s+/g, ''), 'base64'));
  } catch {
    throw new CertificateError('not a DER X.509 certificate');
  }
  if (x509.publicKey.asymmetricKeyType !== 'rsa') throw new CertificateError('not an RSA certificate');
  const subject = subjectFields(x509.subject);
  const uniqueId = subject.get('x500UniqueIdentifier')?.[0] ?? '';
  const rfc = (uniqueId.split('/')[0] ?? '').trim().toUpperCase();
  const hasBranch = (subject.get('OU') ?? []).length > 0;
  const eku = x509.keyUsage ?? [];
  return {
    x509,
    rfc,
    serialHex: x509.serialNumber.toUpperCase(),
    isFiel: !hasBranch && eku.length > 0,
    validFrom: new Date(x509.validFrom),
    validTo: new Date(x509.validTo),
  };
}

function subjectFields(subject: string): Map<string, string[]> {
  const fields = new Map<string, string[]>();
  for (const line of subject.split('\n')) {
    const eq = line.indexOf('=');
    if (eq <= 0) continue;
    const key = line.slice(0, eq);
    fields.set(key, [...(fields.get(key) ?? []), line.slice(eq + 1)]);
  }
  return fields;
}

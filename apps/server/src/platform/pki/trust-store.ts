import { createHash, X509Certificate } from 'node:crypto';

export interface TrustAnchor {
  /** Where it came from, for messages and logs (a file name such as `AC5_SAT.cer`). */
  name: string;
  certificate: X509Certificate;
  /** SHA-256 of the DER, hex. */
  sha256: string;
}

export class TrustAnchorError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TrustAnchorError';
  }
}

/** DER or PEM certificate bytes → the certificates in them (a PEM file may hold several). */
export function readCertificates(name: string, bytes: Buffer): TrustAnchor[] {
  const text = bytes.subarray(0, 64).toString('latin1');
  const blocks = text.includes('-----BEGIN')
    ? [
        ...bytes
          .toString('latin1')
          .matchAll(/-----BEGIN CERTIFICATE-----([\s\S]*?)-----END CERTIFICATE-----/g),
      ].map((m) => Buffer.from(m[1]!.replace(/\s+/g, ''), 'base64'))
    : [bytes];
  if (blocks.length === 0) throw new TrustAnchorError(`${name} holds no certificate`);
  return blocks.map((der, i) => {
    try {
      return {
        name: blocks.length > 1 ? `${name}#${i + 1}` : name,
        certificate: new X509Certificate(der),
        sha256: createHash('sha256').update(der).digest('hex'),
      };
    } catch {
      throw new TrustAnchorError(`${name} is not an X.509 certificate`);
    }
  });
}

/**
 * A set of certification authorities trusted to issue end-entity certificates. A certificate is
 * accepted when one anchor's name matches its issuer (and key identifiers, when present) and that
 * anchor's public key verifies its signature: the name alone is free to forge.
 */
export function createTrustStore(anchors: TrustAnchor[]) {
  return {
    anchors,
    /** The anchor that issued and signed `certificate`, or null. */
    issuerOf(certificate: X509Certificate): TrustAnchor | null {
      for (const anchor of anchors) {
        if (!certificate.checkIssued(anchor.certificate)) continue;
        try {
          if (certificate.verify(anchor.certificate.publicKey)) return anchor;
        } catch {
          // A signature algorithm OpenSSL refuses counts as not signed by this anchor.
        }
      }
      return null;
    },
  };
}

export type TrustStore = ReturnType<typeof createTrustStore>;

import { createPrivateKey, X509Certificate } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createSelfSignedCertificate } from './self-signed.js';

describe('createSelfSignedCertificate', () => {
  it('makes a self-verifying certificate for localhost and 127.0.0.1', () => {
    const { cert, key } = createSelfSignedCertificate();
    const x509 = new X509Certificate(cert);
    expect(x509.verify(x509.publicKey)).toBe(true);
    expect(x509.checkHost('localhost')).toBe('localhost');
    expect(x509.checkIP('127.0.0.1')).toBe('127.0.0.1');
    expect(x509.checkPrivateKey(createPrivateKey(key))).toBe(true);
  });
});

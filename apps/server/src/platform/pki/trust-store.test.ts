import { generateKeyPairSync } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createTrustStore, readCertificates, TrustAnchorError } from './trust-store.js';

const fixture = (path: string) =>
  readFileSync(new URL(`../../../../../test-fixtures/${path}`, import.meta.url));

describe('trust store', () => {
  const testCa = readCertificates('test-ca.cer', fixture('efirma/test-ca.cer'));

  it('finds the anchor that signed a certificate', () => {
    const store = createTrustStore(testCa);
    const leaf = readCertificates('expired', fixture('efirma/expired-fiel.cer'))[0]!.certificate;
    expect(store.issuerOf(leaf)?.name).toBe('test-ca.cer');
    const other = readCertificates('not the sat', fixture('efirma/not-the-sat-fiel.cer'))[0]!.certificate;
    expect(store.issuerOf(other)).toBeNull();
    expect(createTrustStore([]).issuerOf(leaf)).toBeNull();
  });

  it('reads DER, PEM and PEM bundles, and names a file that is not a certificate', () => {
    const der = fixture('efirma/test-ca.cer');
    const pem = `-----BEGIN CERTIFICATE-----\n${der.toString('base64')}\n-----END CERTIFICATE-----\n`;
    expect(readCertificates('ca.pem', Buffer.from(pem))[0]!.sha256).toBe(testCa[0]!.sha256);
    expect(readCertificates('two.pem', Buffer.from(pem + pem)).map((a) => a.name)).toEqual([
      'two.pem#1',
      'two.pem#2',
    ]);
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 1024 });
    const keyPem = privateKey.export({ type: 'pkcs8', format: 'pem' });
    expect(() => readCertificates('key.pem', Buffer.from(keyPem))).toThrow(TrustAnchorError);
    expect(() => readCertificates('junk.cer', Buffer.from('junk'))).toThrow(
      /junk\.cer is not an X\.509 certificate/,
    );
  });
});

import { createPrivateKey } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Credential } from '@nodecfdi/credentials/node';
import { describe, expect, it } from 'vitest';
import { isAppError } from '../../platform/errors/app-error.js';
import { type EfirmaFiles, validateEfirma } from './efirma-validation.js';

const dir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../../test-fixtures/efirma');
const file = (name: string) => readFileSync(path.join(dir, name));
const password = '12345678a';
const fiel = {
  certificate: file('fiel-EKU9003173C9.cer'),
  privateKey: file('fiel-EKU9003173C9.key'),
  password,
};
const inValidity = new Date('2025-01-15T12:00:00Z');

function codeOf(files: EfirmaFiles, now = inValidity): string {
  try {
    validateEfirma(files, now);
  } catch (err) {
    if (isAppError(err)) return err.code;
    throw err;
  }
  throw new Error('accepted');
}

describe('validateEfirma', () => {
  it('reads RFC, name, serial and validity from the SAT test e.firma', () => {
    const v = validateEfirma(fiel, inValidity);
    expect(v).toMatchObject({
      rfc: 'EKU9003173C9',
      legalName: 'ESCUELA KEMPER URGATE SA DE CV',
      certificateSerial: '30001000000500003415',
      validFrom: new Date('2023-05-18T04:37:14Z'),
      validUntil: new Date('2027-05-17T04:37:14Z'),
    });
    expect(v.certificateDer.equals(fiel.certificate)).toBe(true);
    expect(v.privateKeyDer.equals(fiel.privateKey)).toBe(true);
  });

  it('accepts the key as encrypted PKCS#8 PEM and stores it as DER', () => {
    const pem = `-----BEGIN ENCRYPTED PRIVATE KEY-----\n${fiel.privateKey.toString('base64').replace(/.{64}/g, '$&\n')}\n-----END ENCRYPTED PRIVATE KEY-----\n`;
    const v = validateEfirma({ ...fiel, privateKey: Buffer.from(pem) }, inValidity);
    expect(v.privateKeyDer.equals(fiel.privateKey)).toBe(true);
    expect(
      Credential.create(
        v.certificateDer.toString('binary'),
        v.privateKeyDer.toString('binary'),
        password,
      ).rfc(),
    ).toBe('EKU9003173C9');
  });

  it('tells each problem apart', () => {
    expect(codeOf({ ...fiel, certificate: file('csd-EKU9003173C9.cer') })).toBe('EFIRMA_IS_CSD');
    expect(codeOf({ ...fiel, password: 'not-the-password' })).toBe('EFIRMA_BAD_PASSWORD');
    expect(codeOf({ ...fiel, privateKey: file('csd-EKU9003173C9.key') })).toBe('EFIRMA_KEY_MISMATCH');
    expect(codeOf({ ...fiel, certificate: Buffer.from('not a certificate at all') })).toBe(
      'EFIRMA_NOT_A_CERTIFICATE',
    );
    expect(codeOf({ ...fiel, certificate: fiel.privateKey })).toBe('EFIRMA_NOT_A_CERTIFICATE');
    expect(codeOf({ ...fiel, privateKey: Buffer.from('garbage key bytes') })).toBe('EFIRMA_NOT_A_KEY');
    expect(codeOf({ ...fiel, privateKey: fiel.certificate })).toBe('EFIRMA_NOT_A_KEY');
    expect(codeOf({ ...fiel, privateKey: Buffer.alloc(0) })).toBe('EFIRMA_MISSING_FILE');
    expect(codeOf({ ...fiel, password: '' })).toBe('EFIRMA_MISSING_FILE');
  });

  it('refuses an unencrypted private key, whatever the password', () => {
    const opened = createPrivateKey({
      key: fiel.privateKey,
      format: 'der',
      type: 'pkcs8',
      passphrase: password,
    });
    const pem = Buffer.from(opened.export({ format: 'pem', type: 'pkcs8' }));
    const der = opened.export({ format: 'der', type: 'pkcs8' });
    expect(codeOf({ ...fiel, privateKey: pem })).toBe('EFIRMA_NOT_A_KEY');
    expect(codeOf({ ...fiel, privateKey: der })).toBe('EFIRMA_NOT_A_KEY');
  });

  it('judges validity with the given clock', () => {
    expect(codeOf(fiel, new Date('2027-05-17T04:37:15Z'))).toBe('EFIRMA_EXPIRED');
    expect(codeOf(fiel, new Date('2023-05-18T04:37:13Z'))).toBe('EFIRMA_NOT_YET_VALID');
    expect(() => validateEfirma(fiel, new Date('2027-05-17T04:37:14Z'))).not.toThrow();
  });

  it('rejects the generated expired and not-yet-valid e.firma with the real dates', () => {
    const dated = (name: string) => ({
      certificate: file(`${name}.cer`),
      privateKey: file(`${name}.key`),
      password,
    });
    expect(codeOf(dated('expired-fiel'))).toBe('EFIRMA_EXPIRED');
    expect(codeOf(dated('not-yet-valid-fiel'))).toBe('EFIRMA_NOT_YET_VALID');
    // Both are otherwise sound e.firma: inside their validity they pass.
    expect(validateEfirma(dated('expired-fiel'), new Date('2020-06-01T00:00:00Z')).rfc).toBe('AAA010101AAA');
    expect(validateEfirma(dated('not-yet-valid-fiel'), new Date('2091-01-01T00:00:00Z')).legalName).toBe(
      'CONTRIBUYENTE DE PRUEBA SA DE CV',
    );
  });

  it('never puts the password in an error', () => {
    const secret = 'S3cr3t-Pässwörd-xyz';
    for (const files of [
      { ...fiel, password: secret },
      { ...fiel, password: secret, privateKey: Buffer.from('junk') },
      { ...fiel, password: secret, certificate: file('csd-EKU9003173C9.cer') },
    ]) {
      try {
        validateEfirma(files, inValidity);
      } catch (err) {
        expect(
          JSON.stringify({ m: (err as Error).message, d: (err as { detail?: string }).detail }),
        ).not.toContain(secret);
      }
    }
  });
});

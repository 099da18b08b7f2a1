import { createPrivateKey } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Credential } from '@nodecfdi/credentials/node';
import { describe, expect, it } from 'vitest';
import { isAppError } from '../../platform/errors/app-error.js';
import { createTrustStore, readCertificates } from '../../platform/pki/index.js';
import { proveEfirmaKey } from './efirma-key-proof.js';
import { type EfirmaChecks, type EfirmaFiles, validateEfirma as validate } from './efirma-validation.js';
import { bundledAuthorities } from './sat-trust.js';

const dir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../../test-fixtures/efirma');
const file = (name: string) => readFileSync(path.join(dir, name));
const password = '12345678a';
const fiel = {
  certificate: file('fiel-EKU9003173C9.cer'),
  privateKey: file('fiel-EKU9003173C9.key'),
  password,
};
const inValidity = new Date('2025-01-15T12:00:00Z');

// The SAT's production and test ACs plus the CA of the generated dated fixtures; the key proof
// runs inline here (efirma-checks.int.test.ts covers the worker thread).
const trust = createTrustStore([
  ...bundledAuthorities('production'),
  ...bundledAuthorities('test'),
  ...readCertificates('test-ca.cer', file('test-ca.cer')),
]);
const checks: EfirmaChecks = { trust, proveKey: async (input) => proveEfirmaKey(input) };
const validateEfirma = (files: EfirmaFiles, now: Date, using = checks) => validate(files, now, using);

async function codeOf(files: EfirmaFiles, now = inValidity, using = checks): Promise<string> {
  try {
    await validateEfirma(files, now, using);
  } catch (err) {
    if (isAppError(err)) return err.code;
    throw err;
  }
  throw new Error('accepted');
}

describe('validateEfirma', () => {
  it('reads RFC, name, serial and validity from the SAT test e.firma', async () => {
    const v = await validateEfirma(fiel, inValidity);
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

  it('accepts the key as encrypted PKCS#8 PEM and stores it as DER', async () => {
    const pem = `-----BEGIN ENCRYPTED PRIVATE KEY-----\n${fiel.privateKey.toString('base64').replace(/.{64}/g, '$&\n')}\n-----END ENCRYPTED PRIVATE KEY-----\n`;
    const v = await validateEfirma({ ...fiel, privateKey: Buffer.from(pem) }, inValidity);
    expect(v.privateKeyDer.equals(fiel.privateKey)).toBe(true);
    expect(
      Credential.create(
        v.certificateDer.toString('binary'),
        v.privateKeyDer.toString('binary'),
        password,
      ).rfc(),
    ).toBe('EKU9003173C9');
  });

  it('tells each problem apart', async () => {
    expect(await codeOf({ ...fiel, certificate: file('csd-EKU9003173C9.cer') })).toBe('EFIRMA_IS_CSD');
    expect(await codeOf({ ...fiel, password: 'not-the-password' })).toBe('EFIRMA_BAD_PASSWORD');
    expect(await codeOf({ ...fiel, privateKey: file('csd-EKU9003173C9.key') })).toBe('EFIRMA_KEY_MISMATCH');
    expect(await codeOf({ ...fiel, certificate: Buffer.from('not a certificate at all') })).toBe(
      'EFIRMA_NOT_A_CERTIFICATE',
    );
    expect(await codeOf({ ...fiel, certificate: fiel.privateKey })).toBe('EFIRMA_NOT_A_CERTIFICATE');
    expect(await codeOf({ ...fiel, privateKey: Buffer.from('garbage key bytes') })).toBe('EFIRMA_NOT_A_KEY');
    expect(await codeOf({ ...fiel, privateKey: fiel.certificate })).toBe('EFIRMA_NOT_A_KEY');
    expect(await codeOf({ ...fiel, privateKey: Buffer.alloc(0) })).toBe('EFIRMA_MISSING_FILE');
    expect(await codeOf({ ...fiel, password: '' })).toBe('EFIRMA_MISSING_FILE');
  });

  it('refuses an unencrypted private key, whatever the password', async () => {
    const opened = createPrivateKey({
      key: fiel.privateKey,
      format: 'der',
      type: 'pkcs8',
      passphrase: password,
    });
    const pem = Buffer.from(opened.export({ format: 'pem', type: 'pkcs8' }));
    const der = opened.export({ format: 'der', type: 'pkcs8' });
    expect(await codeOf({ ...fiel, privateKey: pem })).toBe('EFIRMA_NOT_A_KEY');
    expect(await codeOf({ ...fiel, privateKey: der })).toBe('EFIRMA_NOT_A_KEY');
  });

  it('judges validity with the given clock', async () => {
    expect(await codeOf(fiel, new Date('2027-05-17T04:37:15Z'))).toBe('EFIRMA_EXPIRED');
    expect(await codeOf(fiel, new Date('2023-05-18T04:37:13Z'))).toBe('EFIRMA_NOT_YET_VALID');
    await expect(validateEfirma(fiel, new Date('2027-05-17T04:37:14Z'))).resolves.toBeDefined();
  });

  it('rejects the generated expired and not-yet-valid e.firma with the real dates', async () => {
    const dated = (name: string) => ({
      certificate: file(`${name}.cer`),
      privateKey: file(`${name}.key`),
      password,
    });
    expect(await codeOf(dated('expired-fiel'))).toBe('EFIRMA_EXPIRED');
    expect(await codeOf(dated('not-yet-valid-fiel'))).toBe('EFIRMA_NOT_YET_VALID');
    // Both are otherwise sound e.firma: inside their validity they pass.
    expect((await validateEfirma(dated('expired-fiel'), new Date('2020-06-01T00:00:00Z'))).rfc).toBe(
      'AAA010101AAA',
    );
    expect(
      (await validateEfirma(dated('not-yet-valid-fiel'), new Date('2091-01-01T00:00:00Z'))).legalName,
    ).toBe('CONTRIBUYENTE DE PRUEBA SA DE CV');
  });

  it('never puts the password in an error', async () => {
    const secret = 'S3cr3t-Pässwörd-xyz';
    for (const files of [
      { ...fiel, password: secret },
      { ...fiel, password: secret, privateKey: Buffer.from('junk') },
      { ...fiel, password: secret, certificate: file('csd-EKU9003173C9.cer') },
    ]) {
      try {
        await validateEfirma(files, inValidity);
      } catch (err) {
        expect(
          JSON.stringify({ m: (err as Error).message, d: (err as { detail?: string }).detail }),
        ).not.toContain(secret);
      }
    }
  });

  it('accepts only certificates a trusted SAT authority signed', async () => {
    const current = (name: string) => ({
      certificate: file(`${name}.cer`),
      privateKey: file(`${name}.key`),
      password,
    });
    // Issued by a CA named "NOT THE SAT", and by one that copies the SAT test CA's name exactly.
    expect(await codeOf(current('not-the-sat-fiel'))).toBe('EFIRMA_NOT_ISSUED_BY_SAT');
    expect(await codeOf(current('impostor-fiel'))).toBe('EFIRMA_NOT_ISSUED_BY_SAT');
    // The SAT's test e.firma only when its test CA is trusted, as in demo mode and tests.
    const productionOnly: EfirmaChecks = {
      ...checks,
      trust: createTrustStore(bundledAuthorities('production')),
    };
    expect(await codeOf(fiel, inValidity, productionOnly)).toBe('EFIRMA_NOT_ISSUED_BY_SAT');
    expect(
      await codeOf({ ...fiel, certificate: file('csd-EKU9003173C9.cer') }, inValidity, productionOnly),
    ).toBe('EFIRMA_NOT_ISSUED_BY_SAT');
  });

  it('refuses, before deriving anything, a key whose password derivation costs more than a SAT key', async () => {
    let derivations = 0;
    const counting: EfirmaChecks = {
      trust,
      proveKey: async (input) => {
        derivations++;
        return proveEfirmaKey(input);
      },
    };
    const slow = { ...fiel, privateKey: file('fiel-EKU9003173C9-4m-iterations.key') };
    expect(await codeOf(slow, inValidity, counting)).toBe('EFIRMA_KEY_UNSUPPORTED');
    expect(derivations).toBe(0);
    // The cap itself is accepted: a key re-encrypted by a stricter tool still registers.
    const atCap = { ...fiel, privateKey: file('fiel-EKU9003173C9-100k-iterations.key') };
    expect((await validateEfirma(atCap, inValidity, counting)).rfc).toBe('EKU9003173C9');
    expect(derivations).toBe(1);
  });
});

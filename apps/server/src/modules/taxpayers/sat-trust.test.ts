import { createHash, X509Certificate } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { bundledAuthorities, loadSatTrust } from './sat-trust.js';

const fixture = (path: string) =>
  readFileSync(new URL(`../../../../../test-fixtures/${path}`, import.meta.url));
const bundle = (path: string) => readFileSync(new URL(`./sat-ca/${path}`, import.meta.url));
const leaf = (path: string) => new X509Certificate(fixture(path));

describe('the bundled SAT certification authorities', () => {
  it('are the files the bundle README lists, byte for byte', () => {
    const readme = bundle('README.md').toString();
    for (const set of ['production', 'production/roots', 'test', 'test/roots']) {
      for (const name of readdirSync(new URL(`./sat-ca/${set}/`, import.meta.url)).filter((n) =>
        n.endsWith('.cer'),
      )) {
        const sha256 = createHash('sha256')
          .update(bundle(`${set}/${name}`))
          .digest('hex');
        expect(readme).toContain(`| \`${set}/${name}\` |`);
        expect(readme).toContain(sha256);
      }
    }
  });

  it("are each signed by Banco de México's root for them (the bundle was not tampered with)", () => {
    const root = (set: string, name: string) => new X509Certificate(bundle(`${set}/roots/${name}`));
    const signer: Record<string, X509Certificate> = {
      'AC5_SAT.cer': root('production', 'ARC5_BANXICO_2018.cer'),
      'AC6_SAT.cer': root('production', 'ARC6_BANXICO_2023.cer'),
      'AC7_SAT.cer': root('production', 'ARC6_BANXICO_2023.cer'),
      'TEST_AC_UAT_2022.cer': root('test', 'TEST_ARC_BETA_ANG_2021.cer'),
    };
    const all = [...bundledAuthorities('production'), ...bundledAuthorities('test')];
    expect(all.map((a) => a.name).sort()).toEqual(Object.keys(signer).sort());
    for (const anchor of all) {
      const issuer = signer[anchor.name]!;
      expect(anchor.certificate.ca).toBe(true);
      expect(anchor.certificate.checkIssued(issuer)).toBe(true);
      expect(anchor.certificate.verify(issuer.publicKey)).toBe(true);
    }
  });

  it('recognise real certificates the SAT issued, and the test ones only when asked to', () => {
    const production = loadSatTrust({ trustTestCa: false, extraCaFiles: [] });
    expect(production.issuerOf(leaf('sat-ca-proof/CSD_SAT_TFD_00001000000708361114.cer'))?.name).toBe(
      'AC7_SAT.cer',
    );
    expect(production.issuerOf(leaf('sat-ca-proof/CSD_ISD950921HE5_00001000000510877575.cer'))?.name).toBe(
      'AC5_SAT.cer',
    );
    expect(production.issuerOf(leaf('efirma/fiel-EKU9003173C9.cer'))).toBeNull();

    const withTest = loadSatTrust({ trustTestCa: true, extraCaFiles: [] });
    expect(withTest.issuerOf(leaf('efirma/fiel-EKU9003173C9.cer'))?.name).toBe('TEST_AC_UAT_2022.cer');
    // Same issuer name as the SAT's test CA, another key: the signature tells them apart.
    expect(withTest.issuerOf(leaf('efirma/impostor-fiel.cer'))).toBeNull();
  });

  it("adds an operator's extra AC files, and names one that cannot be read", () => {
    const caFile = new URL('../../../../../test-fixtures/efirma/test-ca.cer', import.meta.url).pathname;
    const extra = loadSatTrust({ trustTestCa: false, extraCaFiles: [caFile] });
    expect(extra.issuerOf(leaf('efirma/expired-fiel.cer'))?.name).toBe(caFile);
    expect(() => loadSatTrust({ trustTestCa: false, extraCaFiles: ['/nonexistent/ac8.cer'] })).toThrow(
      'SAT_EXTRA_CA_FILES: /nonexistent/ac8.cer cannot be read',
    );
  });
});

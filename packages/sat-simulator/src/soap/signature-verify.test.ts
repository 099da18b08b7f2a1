import { describe, expect, it } from 'vitest';
import { readFixture } from '../../test/support/fixtures.js';
import { reserialize, signedValueMutations } from '../../test/support/mutations.js';
import { readCall } from './read-call.js';
import { verifyEnvelopedSignature, verifyWsSecurity } from './signature-verify.js';
import { childElement, childElements, NS } from './xml.js';

function enveloped(xml: string, strict: boolean) {
  const call = readCall(xml, undefined, undefined);
  const operation = childElements(call.body)[0]!;
  return verifyEnvelopedSignature(operation, childElements(operation)[0]!, strict);
}

function wsSecurity(xml: string) {
  const call = readCall(xml, undefined, undefined);
  return verifyWsSecurity(childElement(call.header!, 'Security', NS.wsse)!);
}

const RECORDED = [
  ['query/request-issued.xml', 'SolicitaDescargaEmitidos'],
  ['query/request-received.xml', 'SolicitaDescargaRecibidos'],
  ['query/request-item.xml', 'SolicitaDescargaFolio'],
  ['verify/request.xml', 'VerificaSolicitudDescarga'],
  ['download/request.xml', 'PeticionDescargaMasivaTercerosEntrada'],
] as const;

describe('enveloped signature of the recorded phpcfdi requests', () => {
  it.each(RECORDED)('%s verifies strictly and yields the signer RFC', (file) => {
    const outcome = enveloped(readFixture(`soap/${file}`), true);
    expect(outcome).toMatchObject({ ok: true, certificate: { rfc: 'EKU9003173C9', isFiel: true } });
  });

  it.each(RECORDED)('%s fails when any signed byte changes', (file, scope) => {
    const xml = readFixture(`soap/${file}`);
    expect(enveloped(reserialize(xml), true).ok).toBe(true);
    const mutations = signedValueMutations(xml, scope);
    expect(mutations.length).toBeGreaterThan(8);
    for (const mutation of mutations) {
      expect({ label: mutation.label, ok: enveloped(mutation.xml, true).ok }).toEqual({
        label: mutation.label,
        ok: false,
      });
    }
  });

  it('lenient mode ignores a changed digest but not a changed SignatureValue', () => {
    const xml = readFixture('soap/query/request-issued.xml');
    const digest = /<DigestValue>([^<]+)<\/DigestValue>/.exec(xml)![1]!;
    const badDigest = xml.replace(digest, `${digest.slice(0, -2)}x=`);
    // The digest sits inside SignedInfo, so the SignatureValue no longer matches either.
    expect(enveloped(badDigest, false).ok).toBe(false);
    const requestAttr = xml.replace('RfcEmisor="EKU9003173C9"', 'RfcEmisor="EKU9003173C8"');
    expect(enveloped(requestAttr, true).ok).toBe(false);
    expect(enveloped(requestAttr, false).ok).toBe(true);
  });
});

describe('the SATCFDI / SAT-manual signing style (inclusive C14N, enveloped transform)', () => {
  const alt = readFixture('soap/alt-signature-style/satcfdi-solicitud-emitidos-c14n-enveloped.xml');

  it('passes only in lenient mode', () => {
    expect(enveloped(alt, true)).toMatchObject({ ok: false });
    expect(enveloped(alt, false)).toMatchObject({ ok: true, certificate: { rfc: 'XIQB891116QE4' } });
  });

  it('still fails in lenient mode when its SignatureValue is altered', () => {
    const value = /<ds:SignatureValue>([^<]+)</.exec(alt)![1]!;
    const mutated = alt.replace(
      value,
      value.replace(/^(.{40})./, (_m, head: string) => `${head}${value[40] === 'A' ? 'B' : 'A'}`),
    );
    expect(enveloped(mutated, false).ok).toBe(false);
  });
});

describe('WS-Security on Autentica', () => {
  it.each([
    ['authenticate/request.xml', 'EKU9003173C9'],
    ['alt-signature-style/satcfdi-autenticacion.xml', 'XIQB891116QE4'],
  ])('%s verifies (digest and signature)', (file, rfc) => {
    expect(wsSecurity(readFixture(`soap/${file}`))).toMatchObject({ ok: true, certificate: { rfc } });
  });

  it('fails when any signed byte of the Timestamp or SignedInfo changes', () => {
    const xml = readFixture('soap/authenticate/request.xml');
    for (const scope of ['Timestamp', 'Signature']) {
      for (const mutation of signedValueMutations(xml, scope)) {
        expect({ label: mutation.label, ok: wsSecurity(mutation.xml).ok }).toEqual({
          label: mutation.label,
          ok: false,
        });
      }
    }
  });
});

import { createHash, verify } from 'node:crypto';
import type { Element } from '@xmldom/xmldom';
import { C14N, canonicalize } from './c14n.js';
import { CertificateError, readCertificate, type SatCertificate } from './certificate.js';
import { childElement, childElements, NS, textOf } from './xml.js';

const RSA_SHA1 = 'http://www.w3.org/2000/09/xmldsig#rsa-sha1';
const SHA1 = 'http://www.w3.org/2000/09/xmldsig#sha1';

export type VerifyOutcome = { ok: true; certificate: SatCertificate } | { ok: false; reason: string };

interface SignatureParts {
  signedInfo: Element;
  canonicalization: string;
  references: Element[];
  signatureValue: Buffer;
}

function fail(reason: string): VerifyOutcome {
  return { ok: false, reason };
}

function readSignature(signature: Element): SignatureParts | string {
  const signedInfo = childElement(signature, 'SignedInfo', NS.ds);
  if (!signedInfo) return 'Signature without SignedInfo';
  const canonicalization =
    childElement(signedInfo, 'CanonicalizationMethod', NS.ds)?.getAttribute('Algorithm') ?? '';
  const method = childElement(signedInfo, 'SignatureMethod', NS.ds)?.getAttribute('Algorithm');
  if (method !== RSA_SHA1) return 'SignatureMethod is not rsa-sha1';
  const references = childElements(signedInfo).filter(
    (el) => el.localName === 'Reference' && el.namespaceURI === NS.ds,
  );
  if (references.length !== 1) return 'SignedInfo must hold exactly one Reference';
  const value = textOf(childElement(signature, 'SignatureValue', NS.ds)).replace(/\s+/g, '');
  if (!value) return 'empty SignatureValue';
  return { signedInfo, canonicalization, references, signatureValue: Buffer.from(value, 'base64') };
}

function transformsOf(reference: Element): string[] {
  const transforms = childElement(reference, 'Transforms', NS.ds);
  return transforms ? childElements(transforms).map((t) => t.getAttribute('Algorithm') ?? '') : [];
}

function digestMatches(reference: Element, canonical: string): boolean {
  if (childElement(reference, 'DigestMethod', NS.ds)?.getAttribute('Algorithm') !== SHA1) return false;
  const expected = textOf(childElement(reference, 'DigestValue', NS.ds));
  return createHash('sha1').update(canonical, 'utf8').digest('base64') === expected;
}

function signatureMatches(parts: SignatureParts, certificate: SatCertificate, canonical: string | undefined) {
  if (canonical === undefined) return false;
  return verify('sha1', Buffer.from(canonical, 'utf8'), certificate.x509.publicKey, parts.signatureValue);
}

function certificateFrom(base64: string): SatCertificate | string {
  try {
    return readCertificate(base64);
  } catch (error) {
    return error instanceof CertificateError ? error.message : 'unreadable certificate';
  }
}

/**
 * WS-Security on Autentica: an exclusive-C14N, RSA-SHA1 signature over the `u:Timestamp`, keyed by the
 * certificate in `o:BinarySecurityToken`. Always verified in full (digest and signature): every known
 * client signs this part the same way.
 */
export function verifyWsSecurity(security: Element): VerifyOutcome & { timestamp?: Element } {
  const timestamp = childElement(security, 'Timestamp', NS.wsu);
  const token = childElement(security, 'BinarySecurityToken', NS.wsse);
  const signature = childElement(security, 'Signature', NS.ds);
  if (!timestamp || !token || !signature) return fail('incomplete WS-Security header');
  const parts = readSignature(signature);
  if (typeof parts === 'string') return fail(parts);
  if (parts.canonicalization !== C14N.exclusive) return fail('SignedInfo is not exclusive C14N');
  const reference = parts.references[0]!;
  const timestampId = timestamp.getAttributeNS(NS.wsu, 'Id');
  if (!timestampId || reference.getAttribute('URI') !== `#${timestampId}`)
    return fail('Reference is not the Timestamp');
  const transforms = transformsOf(reference);
  if (transforms.length !== 1 || transforms[0] !== C14N.exclusive) return fail('unexpected Transforms');
  if (!digestMatches(reference, canonicalize(timestamp, C14N.exclusive) ?? ''))
    return fail('Timestamp digest mismatch');
  const keyInfo = childElement(signature, 'KeyInfo', NS.ds);
  const tokenRef = keyInfo && childElement(keyInfo, 'SecurityTokenReference', NS.wsse);
  const keyRef = tokenRef && childElement(tokenRef, 'Reference', NS.wsse);
  const tokenId = token.getAttributeNS(NS.wsu, 'Id');
  if (!tokenId || keyRef?.getAttribute('URI') !== `#${tokenId}`)
    return fail('KeyInfo does not point at the token');
  const certificate = certificateFrom(textOf(token));
  if (typeof certificate === 'string') return fail(certificate);
  if (!signatureMatches(parts, certificate, canonicalize(parts.signedInfo, C14N.exclusive))) {
    return fail('SignatureValue does not verify');
  }
  return { ok: true, certificate, timestamp };
}

/**
 * The enveloped XML-DSig in `des:solicitud` / `des:peticionDescarga` (the last child of `inner`).
 *
 * strict: exactly what phpcfdi/nodecfdi produce and SAT's manual describes for them: exclusive C14N,
 * Reference URI="" with one exc-C14N transform, DigestValue = SHA-1 of the operation element without the
 * Signature, and the SignatureValue over the SignedInfo.
 *
 * lenient (the default, as production evidently behaves, doc §1.4): only the SignatureValue is checked,
 * over the SignedInfo canonicalized with its declared method either in document context or detached
 * (SATCFDI hashes its SignedInfo before inserting it, so only `ds` is in scope).
 */
export function verifyEnvelopedSignature(operation: Element, inner: Element, strict: boolean): VerifyOutcome {
  const signature = childElement(inner, 'Signature', NS.ds);
  if (!signature) return fail('no Signature in the request');
  const parts = readSignature(signature);
  if (typeof parts === 'string') return fail(parts);
  const x509Data = childElement(childElement(signature, 'KeyInfo', NS.ds) ?? signature, 'X509Data', NS.ds);
  const certText = x509Data ? textOf(childElement(x509Data, 'X509Certificate', NS.ds)) : '';
  if (!certText) return fail('no X509Certificate in KeyInfo');
  const certificate = certificateFrom(certText);
  if (typeof certificate === 'string') return fail(certificate);

  if (strict) {
    if (parts.canonicalization !== C14N.exclusive) return fail('SignedInfo is not exclusive C14N');
    const reference = parts.references[0]!;
    const transforms = transformsOf(reference);
    if (reference.getAttribute('URI') !== '' || transforms.length !== 1 || transforms[0] !== C14N.exclusive) {
      return fail('Reference is not URI="" with one exclusive C14N transform');
    }
    const unsigned = operation.cloneNode(true) as Element;
    const unsignedInner = childElements(unsigned).find((el) => el.localName === inner.localName);
    const copy = unsignedInner && childElement(unsignedInner, 'Signature', NS.ds);
    if (!unsignedInner || !copy) return fail('cannot locate the signed element');
    unsignedInner.removeChild(copy);
    if (!digestMatches(reference, canonicalize(unsigned, C14N.exclusive) ?? ''))
      return fail('DigestValue mismatch');
    if (!signatureMatches(parts, certificate, canonicalize(parts.signedInfo, C14N.exclusive))) {
      return fail('SignatureValue does not verify');
    }
    return { ok: true, certificate };
  }

  for (const context of ['document', 'detached'] as const) {
    if (
      signatureMatches(parts, certificate, canonicalize(parts.signedInfo, parts.canonicalization, context))
    ) {
      return { ok: true, certificate };
    }
  }
  return fail('SignatureValue does not verify');
}

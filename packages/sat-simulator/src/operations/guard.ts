import type { Element } from '@xmldom/xmldom';
import type { SatCertificate } from '../soap/certificate.js';
import type { StatusAnswer } from '../soap/envelopes.js';
import { verifyEnvelopedSignature } from '../soap/signature-verify.js';
import { CODES } from './codes.js';
import type { SimContext, SoapCall } from './context.js';

export type GuardOutcome = { ok: true; certificate: SatCertificate } | { ok: false; answer: StatusAnswer };

/**
 * The checks every call after Autentica goes through, in this order (the SAT's own order is unknown,
 * doc §5.1): token (300), signature (302), certificate type (305: a CSD is not an e.firma), certificate
 * validity against the simulated clock (304). The RFC binding (303) is operation-specific.
 */
export function guard(ctx: SimContext, call: SoapCall, operation: Element, inner: Element): GuardOutcome {
  const now = ctx.clock.now();
  const token = call.fault?.kind === 'expiredToken' ? undefined : ctx.tokens.check(call.authorization, now);
  if (!token) return { ok: false, answer: CODES.invalidUser };
  const verified = verifyEnvelopedSignature(operation, inner, ctx.strict);
  if (!verified.ok) return { ok: false, answer: CODES.badSeal };
  const { certificate } = verified;
  if (!certificate.isFiel || !certificate.rfc) return { ok: false, answer: CODES.invalidCertificate };
  if (now < certificate.validFrom || now > certificate.validTo)
    return { ok: false, answer: CODES.revokedCertificate };
  return { ok: true, certificate };
}

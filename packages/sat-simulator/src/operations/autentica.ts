import { autenticaResponse } from '../soap/envelopes.js';
import { invalidSecurityFault } from '../soap/faults.js';
import { verifyWsSecurity } from '../soap/signature-verify.js';
import { childElement, NS, textOf } from '../soap/xml.js';
import { type SimContext, type SoapAnswer, type SoapCall, xmlAnswer } from './context.js';

/**
 * Autentica. Any security problem answers the recorded `a:InvalidSecurity` fault (HTTP 500): missing or
 * malformed WS-Security header, bad digest or signature, or a Timestamp outside the window of both the
 * simulated and the real clock. Certificate type and dates are not judged here: production lets test certificates
 * and CSDs authenticate and rejects them on the query (305), doc §1.4.
 */
export function autentica(ctx: SimContext, call: SoapCall): SoapAnswer {
  const security = call.header && childElement(call.header, 'Security', NS.wsse);
  if (!security || !childElement(call.body, 'Autentica', NS.auth)) return invalidSecurityFault();
  const verified = verifyWsSecurity(security);
  if (!verified.ok || !verified.timestamp) return invalidSecurityFault();

  const created = Date.parse(textOf(childElement(verified.timestamp, 'Created', NS.wsu)));
  const expires = Date.parse(textOf(childElement(verified.timestamp, 'Expires', NS.wsu)));
  const now = ctx.clock.now();
  const skew = ctx.timing.clockSkewSeconds * 1000;
  if (Number.isNaN(created) || Number.isNaN(expires) || expires <= created) return invalidSecurityFault();
  // Clients keep real clocks while tests and demos jump the simulated one ahead: a Timestamp is
  // current when it is current for either, as a real client would be against the real SAT.
  const within = (at: number) => created <= at + skew && expires >= at - skew;
  if (!within(now.getTime()) && !within(Date.now())) return invalidSecurityFault();

  const token = ctx.tokens.issue(now, verified.certificate.serialHex, call.fault?.kind === 'expiredToken');
  return xmlAnswer(autenticaResponse(token.value, token.created, token.expires));
}

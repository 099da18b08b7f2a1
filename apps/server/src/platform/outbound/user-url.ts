import { OutboundBlockedError, OutboundInvalidUrlError } from './outbound.errors.js';
import type { OutboundClient } from './outbound-client.js';

export type UserUrlProblem =
  | { kind: 'invalid'; message: string }
  | { kind: 'not_https'; message: string }
  | { kind: 'blocked'; message: string };

/**
 * A URL a user types (a webhook endpoint, an ERP's base URL) checked when it is saved: a clear
 * answer now rather than failed calls later. The outbound client checks it again at every
 * connection (DNS may change in between); a host that does not resolve yet is accepted.
 */
export async function checkUserUrl(
  raw: string,
  opts: { outbound: OutboundClient; requireHttps?: boolean },
): Promise<{ url: string } | { problem: UserUrlProblem }> {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { problem: { kind: 'invalid', message: 'Not an absolute URL.' } };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    return { problem: { kind: 'invalid', message: 'Only http and https URLs can be used.' } };
  if (url.username || url.password)
    return { problem: { kind: 'invalid', message: 'Credentials do not belong in the URL.' } };
  if (url.hash)
    return { problem: { kind: 'invalid', message: 'A URL fragment (#…) is never sent; remove it.' } };
  if (opts.requireHttps && url.protocol !== 'https:')
    return { problem: { kind: 'not_https', message: 'Only https:// URLs are allowed here.' } };
  try {
    await opts.outbound.check(url);
  } catch (err) {
    if (err instanceof OutboundBlockedError)
      return { problem: { kind: 'blocked', message: `${url.hostname} resolves to a ${err.range} address.` } };
    if (err instanceof OutboundInvalidUrlError) return { problem: { kind: 'invalid', message: err.message } };
    // Not resolvable now: accepted, checked again at each call.
  }
  return { url: url.toString() };
}

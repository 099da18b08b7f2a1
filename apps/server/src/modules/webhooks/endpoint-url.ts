import { appError } from '../../platform/errors/app-error.js';
import {
  OutboundBlockedError,
  type OutboundClient,
  OutboundInvalidUrlError,
} from '../../platform/outbound/index.js';

/**
 * An endpoint URL is checked when it is saved (a clear 422 now rather than failed attempts later)
 * and again at every connection by the outbound client (DNS may change in between). A host that
 * does not resolve yet is accepted: the receiver may not be deployed when it is registered.
 */
export async function checkEndpointUrl(
  raw: string,
  opts: { outbound: OutboundClient; requireHttps: boolean },
): Promise<string> {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw appError('WEBHOOK_URL_INVALID', 'Not an absolute URL.');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    throw appError('WEBHOOK_URL_INVALID', 'Only http and https URLs can receive webhooks.');
  if (url.username || url.password)
    throw appError('WEBHOOK_URL_INVALID', 'Put credentials in a custom header, not in the URL.');
  if (url.hash) throw appError('WEBHOOK_URL_INVALID', 'A URL fragment (#…) is never sent; remove it.');
  if (opts.requireHttps && url.protocol !== 'https:')
    throw appError('WEBHOOK_URL_NOT_HTTPS', 'This server only delivers to https:// URLs.');
  try {
    await opts.outbound.check(url);
  } catch (err) {
    if (err instanceof OutboundBlockedError)
      throw appError('WEBHOOK_URL_BLOCKED', `${url.hostname} resolves to a ${err.range} address.`);
    if (err instanceof OutboundInvalidUrlError) throw appError('WEBHOOK_URL_INVALID', err.message);
    // Not resolvable now: accepted, checked again at each attempt.
  }
  return url.toString();
}

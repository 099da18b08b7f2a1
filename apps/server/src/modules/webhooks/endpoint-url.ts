import { appError } from '../../platform/errors/app-error.js';
import { checkUserUrl, type OutboundClient } from '../../platform/outbound/index.js';

const CODES = {
  invalid: 'WEBHOOK_URL_INVALID',
  not_https: 'WEBHOOK_URL_NOT_HTTPS',
  blocked: 'WEBHOOK_URL_BLOCKED',
} as const;

/**
 * An endpoint URL is checked when it is saved (a clear 422 now rather than failed attempts later)
 * and again at every connection by the outbound client (DNS may change in between). A host that
 * does not resolve yet is accepted: the receiver may not be deployed when it is registered.
 */
export async function checkEndpointUrl(
  raw: string,
  opts: { outbound: OutboundClient; requireHttps: boolean },
): Promise<string> {
  const checked = await checkUserUrl(raw, opts);
  if ('problem' in checked) throw appError(CODES[checked.problem.kind], checked.problem.message);
  return checked.url;
}

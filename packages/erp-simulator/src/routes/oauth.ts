import type { IncomingMessage } from 'node:http';
import { basicCredentials, same } from '../auth.js';
import type { SimState } from '../context.js';
import type { Answer } from '../http/answer.js';

/** RFC 6749 §5.2 errors: `{error, error_description}`, not the /api error shape. */
function oauthError(status: number, error: string, description: string, basic = false): Answer {
  return {
    status,
    headers: {
      'Cache-Control': 'no-store',
      ...(basic ? { 'WWW-Authenticate': 'Basic realm="erp-oauth"' } : {}),
    },
    body: { error, error_description: description },
  };
}

/**
 * POST /oauth/token, client credentials grant (RFC 6749 §4.4). The client authenticates with HTTP
 * Basic (client_secret_basic) or with client_id/client_secret in the form (client_secret_post).
 */
export function issueToken(state: SimState, req: IncomingMessage, text: string): Answer {
  const { auth } = state;
  if (auth.type !== 'oauth2')
    return oauthError(400, 'unauthorized_client', 'this ERP instance does not use OAuth 2.0');
  const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  if (type !== 'application/x-www-form-urlencoded')
    return oauthError(400, 'invalid_request', 'send the form as application/x-www-form-urlencoded');
  const form = new URLSearchParams(text);
  const header = basicCredentials(req.headers.authorization);
  const inBody = form.has('client_id') || form.has('client_secret');
  if (header && inBody) return oauthError(400, 'invalid_request', 'use one client authentication method');
  // client_secret_basic form-encodes id and secret before base64 (RFC 6749 §2.3.1).
  const decode = (value: string) => {
    try {
      return decodeURIComponent(value.replace(/\+/g, ' '));
    } catch {
      return value;
    }
  };
  const id = header ? decode(header[0]) : form.get('client_id');
  const secret = header ? decode(header[1]) : form.get('client_secret');
  if (!id || secret === null) return oauthError(401, 'invalid_client', 'client authentication missing', true);
  if (!(same(id, auth.clientId) && same(secret, auth.clientSecret)))
    return oauthError(401, 'invalid_client', 'unknown client or wrong secret', Boolean(header));
  const grant = form.get('grant_type');
  if (!grant) return oauthError(400, 'invalid_request', 'grant_type is required');
  if (grant !== 'client_credentials')
    return oauthError(400, 'unsupported_grant_type', 'only client_credentials is supported');
  const { token, expiresIn } = state.tokens.issue();
  return {
    status: 200,
    headers: { 'Cache-Control': 'no-store', Pragma: 'no-cache' },
    body: {
      access_token: token,
      token_type: 'Bearer',
      expires_in: expiresIn,
      ...(form.get('scope') ? { scope: form.get('scope') } : {}),
    },
  };
}

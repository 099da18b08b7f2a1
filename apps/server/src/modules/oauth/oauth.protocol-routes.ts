import { type OAuthAuthorizeDecision, oauthAuthorizeDecision, oauthScopes } from '@boveda/contracts';
import OAuth2Server from '@node-oauth/oauth2-server';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { appError, isAppError } from '../../platform/errors/app-error.js';
import type { HttpServer } from '../../platform/http/create-http-server.js';
import { actorOf, type Guard, identityOf } from '../../platform/http/identity.js';
import { sendProblem } from '../../platform/http/problem.js';
import { oauthErrors } from './oauth.errors.js';
import type { OAuthService } from './oauth.service.js';

/** Where the SPA shows the consent page, and signs people in first. */
const CONSENT_PATH = '/oauth/consent';
const SIGN_IN_PATH = '/iniciar-sesion';

type Form = Record<string, string>;

/** A parsed form body: its fields, or the name of a parameter sent twice (refused, RFC 6749 §3.1). */
type ParsedForm = { fields: Form; duplicate: null } | { fields: null; duplicate: string };

function parseForm(body: string): ParsedForm {
  const fields: Form = {};
  for (const [key, value] of new URLSearchParams(body)) {
    if (Object.hasOwn(fields, key)) return { fields: null, duplicate: key };
    fields[key] = value;
  }
  return { fields, duplicate: null };
}

function oauthError(reply: FastifyReply, status: number, error: string, description: string) {
  return reply
    .status(status)
    .header('cache-control', 'no-store')
    .header('pragma', 'no-cache')
    .type('application/json')
    .send({ error, error_description: description });
}

/** Client authentication for /oauth/revoke: HTTP Basic or client_id/client_secret in the body. */
function clientCredentials(
  req: FastifyRequest,
  form: Form,
): { id: string; secret: string | undefined } | null {
  const header = req.headers.authorization;
  if (header?.toLowerCase().startsWith('basic ')) {
    const decoded = Buffer.from(header.slice(6).trim(), 'base64').toString('utf8');
    const at = decoded.indexOf(':');
    if (at < 1) return null;
    try {
      return {
        id: decodeURIComponent(decoded.slice(0, at).replace(/\+/g, ' ')),
        secret: decodeURIComponent(decoded.slice(at + 1).replace(/\+/g, ' ')),
      };
    } catch {
      return null;
    }
  }
  return form.client_id ? { id: form.client_id, secret: form.client_secret } : null;
}

/**
 * The OAuth 2.0 protocol endpoints, outside `/api/v1` and `/docs` (hidden: they answer RFC 6749
 * JSON errors, not problem+json): the token endpoint (RFC 6749 §3.2; client_credentials,
 * authorization_code with PKCE, refresh_token), the authorization endpoint (its GET sends the
 * person to the SPA's consent page, its POST records the decision), revocation (RFC 7009) and the
 * server's metadata (RFC 8414).
 */
export function registerOAuthProtocolRoutes(
  app: HttpServer,
  deps: { oauth: OAuthService; guard: Guard; publicUrl?: string | undefined },
) {
  const { oauth, guard } = deps;
  const issuerOf = (req: FastifyRequest) =>
    deps.publicUrl?.replace(/\/$/, '') ?? `${req.protocol}://${req.host}`;

  app.register(async (scope) => {
    // The token and revocation endpoints answer every refusal as RFC 6749 JSON, also those of the
    // shared hooks (a NUL character, an oversized body, the rate limit); the consent endpoints,
    // called by the SPA, keep problem+json.
    scope.setErrorHandler((error, req, reply) => {
      const path = req.url.split('?')[0];
      if (path !== '/oauth/token' && path !== '/oauth/revoke') return sendProblem(error, req, reply);
      const status =
        (error as { statusCode?: number }).statusCode ?? (isAppError(error) ? error.status : 500);
      if (status >= 500) {
        req.log.error({ err: error }, 'oauth endpoint failed');
        return oauthError(reply, 500, 'server_error', 'The server could not answer.');
      }
      if (status === 429)
        return oauthError(reply, 429, 'slow_down', 'Too many requests; wait and try again.');
      return oauthError(reply, 400, 'invalid_request', 'The request is not valid.');
    });
    scope.addContentTypeParser(
      'application/x-www-form-urlencoded',
      { parseAs: 'string', bodyLimit: 16 * 1024 },
      (_req, body, done) => done(null, parseForm(body as string)),
    );

    /** The form's fields, or the RFC 6749 error to answer (not a form, or a parameter sent twice). */
    const formOf = (req: FastifyRequest): Form | string => {
      const parsed = req.body as ParsedForm | undefined;
      if (!req.headers['content-type']?.startsWith('application/x-www-form-urlencoded') || !parsed?.fields)
        return parsed?.duplicate
          ? `The parameter ${parsed.duplicate} was sent twice.`
          : 'Send application/x-www-form-urlencoded parameters.';
      return parsed.fields;
    };

    scope.post('/oauth/token', { schema: { hide: true } }, async (req, reply) => {
      const form = formOf(req);
      if (typeof form === 'string') return oauthError(reply, 400, 'invalid_request', form);
      const headers = { ...(req.headers as Record<string, string>) };
      // RFC 6749 §2.3.1: Basic credentials are form-urlencoded before base64; the library reads them raw.
      if (headers.authorization?.toLowerCase().startsWith('basic ')) {
        const credentials = clientCredentials(req, {});
        if (!credentials) return oauthError(reply, 401, 'invalid_client', 'Client authentication failed.');
        headers.authorization = `Basic ${Buffer.from(`${credentials.id}:${credentials.secret ?? ''}`).toString('base64')}`;
      }
      const request = new OAuth2Server.Request({ method: 'POST', headers, query: {}, body: form });
      const response = new OAuth2Server.Response();
      try {
        await oauth.server.token(request, response);
      } catch (err) {
        const e = err as OAuth2Server.OAuthError;
        if (e.name === 'server_error' || !(err instanceof OAuth2Server.OAuthError)) {
          req.log.error({ err: (e as { inner?: unknown }).inner ?? err }, 'oauth token endpoint failed');
          return oauthError(reply, 500, 'server_error', 'The server could not issue a token.');
        }
        // RFC 6749 §5.2: invalid_client is 401 (with WWW-Authenticate when Basic was tried).
        if (e.name === 'invalid_client') {
          if (req.headers.authorization) reply.header('www-authenticate', 'Basic realm="boveda"');
          return oauthError(reply, 401, 'invalid_client', 'Client authentication failed.');
        }
        return oauthError(reply, e.code, e.name, e.message);
      }
      return reply
        .status(200)
        .header('cache-control', 'no-store')
        .header('pragma', 'no-cache')
        .type('application/json')
        .send(response.body);
    });

    scope.post('/oauth/revoke', { schema: { hide: true } }, async (req, reply) => {
      const form = formOf(req);
      if (typeof form === 'string') return oauthError(reply, 400, 'invalid_request', form);
      const credentials = clientCredentials(req, form);
      const client = credentials ? await oauth.model.getClient(credentials.id, credentials.secret) : false;
      if (!client) {
        if (req.headers.authorization) reply.header('www-authenticate', 'Basic realm="boveda"');
        return oauthError(reply, 401, 'invalid_client', 'Client authentication failed.');
      }
      const token = form.token;
      if (!token) return oauthError(reply, 400, 'invalid_request', 'Missing parameter: token.');
      await oauth.revokeToken(client, token);
      return reply.status(200).header('cache-control', 'no-store').send();
    });

    scope.get('/oauth/authorize', { schema: { hide: true } }, async (req, reply) => {
      const q = req.query as Record<string, string | string[] | undefined>;
      const one = (k: string) => (typeof q[k] === 'string' ? (q[k] as string) : undefined);
      const clientId = one('client_id');
      const client = (clientId && (await oauth.model.getClient(clientId, null))) || null;
      // RFC 6749 §4.1.2.1: without a valid client and redirect URI, never redirect; tell the person.
      if (!client?.grants.includes('authorization_code'))
        return oauthError(reply, 400, 'invalid_client', 'Unknown application, or it cannot act for people.');
      const redirectUri = one('redirect_uri') ?? client.redirectUris[0]!;
      if (!client.redirectUris.includes(redirectUri))
        return oauthError(
          reply,
          400,
          'invalid_request',
          'The redirect_uri is not registered for this application.',
        );
      const back = (error: string, description: string) => {
        const url = new URL(redirectUri);
        url.searchParams.set('error', error);
        url.searchParams.set('error_description', description);
        const state = one('state');
        if (state) url.searchParams.set('state', state);
        return reply.redirect(url.toString(), 302);
      };
      if (one('response_type') !== 'code')
        return back('unsupported_response_type', 'Only response_type=code.');
      if (!one('code_challenge') || one('code_challenge_method') !== 'S256')
        return back('invalid_request', 'PKCE is required: code_challenge with code_challenge_method=S256.');
      const params = new URLSearchParams();
      for (const k of [
        'response_type',
        'client_id',
        'scope',
        'state',
        'code_challenge',
        'code_challenge_method',
      ]) {
        const v = one(k);
        if (v !== undefined) params.set(k, v);
      }
      params.set('redirect_uri', redirectUri);
      const consent = `${CONSENT_PATH}?${params.toString()}`;
      try {
        await guard('viewer')(req, reply);
      } catch {
        return reply.redirect(`${SIGN_IN_PATH}?siguiente=${encodeURIComponent(consent)}`, 302);
      }
      if (!req.identity?.sessionId)
        return reply.redirect(`${SIGN_IN_PATH}?siguiente=${encodeURIComponent(consent)}`, 302);
      return reply.redirect(consent, 302);
    });

    // The consent page's decision: JSON with the session cookie and its CSRF token, like every
    // other cookie write. Answers where the browser goes next (the app's redirect URI).
    scope.post(
      '/oauth/authorize',
      { schema: { hide: true, body: oauthAuthorizeDecision }, preHandler: guard('viewer') },
      async (req, reply) => {
        const id = identityOf(req);
        if (!id.userId || !id.sessionId) throw appError('FORBIDDEN', 'Only a signed-in person can consent.');
        const body = req.body as OAuthAuthorizeDecision;
        const { client, role, scopes } = await oauth.checkAuthorizationRequest(body, {
          userId: id.userId,
          tenantId: id.tenantId,
        });
        const request = new OAuth2Server.Request({
          method: 'POST',
          headers: req.headers as Record<string, string>,
          query: {},
          body: { ...body, scope: scopes.join(' '), allowed: body.allowed ? 'true' : 'false' },
        });
        const response = new OAuth2Server.Response();
        try {
          await oauth.server.authorize(request, response, {
            authenticateHandler: {
              handle: () => ({ id: id.userId, tenantId: id.tenantId, userId: id.userId, role }),
            },
          });
        } catch (err) {
          if (isAppError(err)) throw err;
          if (!(err instanceof OAuth2Server.OAuthError) || err.name === 'server_error')
            req.log.error({ err }, 'oauth authorize failed');
        }
        const location = response.get('location') as string | undefined;
        if (!location) throw oauthErrors('OAUTH_REQUEST_INVALID');
        await oauth.recordConsent(
          id.tenantId,
          client.id,
          body.allowed ? 'granted' : 'denied',
          scopes,
          actorOf(req),
        );
        return reply.status(200).send({ redirectTo: location });
      },
    );

    scope.get('/.well-known/oauth-authorization-server', { schema: { hide: true } }, async (req) => {
      const issuer = issuerOf(req);
      return {
        issuer,
        authorization_endpoint: `${issuer}/oauth/authorize`,
        token_endpoint: `${issuer}/oauth/token`,
        revocation_endpoint: `${issuer}/oauth/revoke`,
        grant_types_supported: ['client_credentials', 'authorization_code', 'refresh_token'],
        response_types_supported: ['code'],
        code_challenge_methods_supported: ['S256'],
        token_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post', 'none'],
        revocation_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post', 'none'],
        scopes_supported: [...oauthScopes],
      };
    });
  });
}

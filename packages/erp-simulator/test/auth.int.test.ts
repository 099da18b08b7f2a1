import { afterEach, describe, expect, it } from 'vitest';
import { type RunningErpSimulator, startErpSimulator } from '../src/index.js';
import { basic, call } from './support/client.js';

let sim: RunningErpSimulator;
afterEach(() => sim?.close());

const small = { customers: 3, suppliers: 2, purchaseOrders: 2 };

describe('auth methods', () => {
  it('none: any request is served', async () => {
    sim = await startErpSimulator({ counts: small });
    expect((await call(sim, '/api/customers')).status).toBe(200);
  });

  it('api-key: X-Api-Key must match; wrong or missing → 401 with a JSON error', async () => {
    sim = await startErpSimulator({ counts: small, auth: { type: 'api-key', key: 'k-123' } });
    expect((await call(sim, '/api/customers', { headers: { 'X-Api-Key': 'k-123' } })).status).toBe(200);
    const wrong = await call(sim, '/api/customers', { headers: { 'X-Api-Key': 'nope' } });
    expect(wrong.status).toBe(401);
    expect(wrong.body.error.code).toBe('unauthorized');
    expect((await call(sim, '/api/customers')).body.error.message).toContain('X-Api-Key');
  });

  it('api-key under another header name', async () => {
    sim = await startErpSimulator({
      counts: small,
      auth: { type: 'api-key', key: 'k', header: 'X-Erp-Token' },
    });
    expect((await call(sim, '/api/customers', { headers: { 'X-Erp-Token': 'k' } })).status).toBe(200);
    expect((await call(sim, '/api/customers', { headers: { 'X-Api-Key': 'k' } })).status).toBe(401);
  });

  it('bearer: a static token', async () => {
    sim = await startErpSimulator({ counts: small, auth: { type: 'bearer', token: 'tok' } });
    expect((await call(sim, '/api/suppliers', { headers: { Authorization: 'Bearer tok' } })).status).toBe(
      200,
    );
    const wrong = await call(sim, '/api/suppliers', { headers: { Authorization: 'Bearer other' } });
    expect(wrong.status).toBe(401);
    expect(wrong.headers.get('www-authenticate')).toContain('invalid_token');
  });

  it('basic: user and password', async () => {
    sim = await startErpSimulator({
      counts: small,
      auth: { type: 'basic', username: 'ana', password: 'p:w' },
    });
    expect(
      (await call(sim, '/api/customers', { headers: { Authorization: basic('ana', 'p:w') } })).status,
    ).toBe(200);
    const wrong = await call(sim, '/api/customers', { headers: { Authorization: basic('ana', 'x') } });
    expect(wrong.status).toBe(401);
    expect(wrong.headers.get('www-authenticate')).toBe('Basic realm="erp"');
  });
});

describe('OAuth 2.0 client credentials', () => {
  const auth = { type: 'oauth2', clientId: 'boveda', clientSecret: 's3cret' } as const;
  const grant = { grant_type: 'client_credentials' };

  it('issues a token with client_secret_basic and with client_secret_post; the token opens /api', async () => {
    sim = await startErpSimulator({ counts: small, auth });
    const viaHeader = await call(sim, '/oauth/token', {
      form: grant,
      headers: { Authorization: basic('boveda', 's3cret') },
    });
    expect(viaHeader.status).toBe(200);
    expect(viaHeader.body).toMatchObject({ token_type: 'Bearer', expires_in: 3600 });
    expect(viaHeader.headers.get('cache-control')).toBe('no-store');
    const viaBody = await call(sim, '/oauth/token', {
      form: { ...grant, client_id: 'boveda', client_secret: 's3cret' },
    });
    expect(viaBody.status).toBe(200);
    for (const token of [viaHeader.body.access_token, viaBody.body.access_token]) {
      const page = await call(sim, '/api/customers', { headers: { Authorization: `Bearer ${token}` } });
      expect(page.status).toBe(200);
    }
  });

  it('refuses wrong client credentials (401 invalid_client) and other grants (400)', async () => {
    sim = await startErpSimulator({ counts: small, auth });
    const wrong = await call(sim, '/oauth/token', {
      form: grant,
      headers: { Authorization: basic('boveda', 'x') },
    });
    expect(wrong.status).toBe(401);
    expect(wrong.body).toEqual({ error: 'invalid_client', error_description: expect.any(String) });
    const password = await call(sim, '/oauth/token', {
      form: { grant_type: 'password', client_id: 'boveda', client_secret: 's3cret' },
    });
    expect(password.status).toBe(400);
    expect(password.body.error).toBe('unsupported_grant_type');
    const json = await call(sim, '/oauth/token', {
      json: { ...grant, client_id: 'boveda', client_secret: 's3cret' },
    });
    expect(json.status).toBe(400);
    expect((await call(sim, '/api/customers', { headers: { Authorization: 'Bearer made-up' } })).status).toBe(
      401,
    );
  });

  it('an expired token gets 401 invalid_token; a new token works again', async () => {
    sim = await startErpSimulator({ counts: small, auth, tokenTtlSeconds: 1 });
    const token = (
      await call(sim, '/oauth/token', { form: { ...grant, client_id: 'boveda', client_secret: 's3cret' } })
    ).body;
    expect(token.expires_in).toBe(1);
    const headers = { Authorization: `Bearer ${token.access_token}` };
    expect((await call(sim, '/api/customers', { headers })).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const expired = await call(sim, '/api/customers', { headers });
    expect(expired.status).toBe(401);
    expect(expired.body.error.code).toBe('invalid_token');
    expect(expired.headers.get('www-authenticate')).toContain('expired');
    const fresh = await call(sim, '/oauth/token', {
      form: { ...grant, client_id: 'boveda', client_secret: 's3cret' },
    });
    expect(
      (await call(sim, '/api/customers', { headers: { Authorization: `Bearer ${fresh.body.access_token}` } }))
        .status,
    ).toBe(200);
  });

  it('POST /__admin/tokens/expire expires every issued token at once', async () => {
    sim = await startErpSimulator({ counts: small, auth });
    const token = (
      await call(sim, '/oauth/token', { form: { ...grant, client_id: 'boveda', client_secret: 's3cret' } })
    ).body.access_token;
    expect((await call(sim, '/__admin/tokens/expire', { method: 'POST' })).body).toEqual({ expired: 1 });
    expect(
      (await call(sim, '/api/customers', { headers: { Authorization: `Bearer ${token}` } })).status,
    ).toBe(401);
  });

  it('the request log names the scheme but never the secret', async () => {
    sim = await startErpSimulator({ counts: small, auth });
    await call(sim, '/oauth/token', { form: grant, headers: { Authorization: basic('boveda', 's3cret') } });
    const log = JSON.stringify((await call(sim, '/__admin/requests')).body);
    expect(log).toContain('"auth":"basic"');
    expect(log).not.toContain('s3cret');
    expect(log).not.toContain(Buffer.from('boveda:s3cret').toString('base64'));
  });
});

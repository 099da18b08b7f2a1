import { afterEach, describe, expect, it } from 'vitest';
import { decodeClaims, type RunningFacturifySimulator, startFacturifySimulator } from '../src/index.js';
import { CREDENTIALS, call, login } from './support/client.js';

let sim: RunningFacturifySimulator;
afterEach(() => sim?.close());

const NOW = new Date('2026-03-02T16:00:00Z');
const refresh = (token: string) => call(sim, '/api/v1/token/refresh', { method: 'POST', token });
const validate = (token: string) => call(sim, '/api/v1/token/validate', { token });
const business = (token: string) => call(sim, '/api/v1/empresa', { token });

describe('POST /api/v1/auth', () => {
  it('answers {message, jwt: {token, expires_in}} with an HS512 tymon-style token; JSON or form', async () => {
    sim = await startFacturifySimulator({ now: NOW });
    const reply = await call(sim, '/api/v1/auth', { json: CREDENTIALS });
    expect(reply.status).toBe(200);
    expect(reply.body).toEqual({
      message: expect.any(String),
      jwt: { token: expect.any(String), expires_in: 240 },
    });
    const [header] = reply.body.jwt.token.split('.');
    expect(JSON.parse(Buffer.from(header, 'base64url').toString())).toEqual({ typ: 'JWT', alg: 'HS512' });
    const claims = decodeClaims(reply.body.jwt.token);
    expect(claims).toMatchObject({
      iss: 'https://api-sandbox.facturify.com/api/v1/auth',
      iat: NOW.getTime() / 1000,
      nbf: NOW.getTime() / 1000,
      exp: NOW.getTime() / 1000 + 14_400,
      sub: 1002,
    });
    expect(claims.jti).toHaveLength(16);
    expect(claims.prv).toMatch(/^[0-9a-f]{40}$/);
    const form = await call(sim, '/api/v1/auth', { form: CREDENTIALS });
    expect(form.status).toBe(200);
    expect(form.body.jwt.token).not.toBe(reply.body.jwt.token);
  });

  it('wrong credentials → 401 {message, code: null}; missing fields → 422 with errors[]', async () => {
    sim = await startFacturifySimulator();
    const wrong = await call(sim, '/api/v1/auth', { json: { ...CREDENTIALS, api_secret: 'nope' } });
    expect(wrong.status).toBe(401);
    expect(wrong.body).toEqual({ message: 'Las credenciales proporcionadas son incorrectas', code: null });
    const missing = await call(sim, '/api/v1/auth', { json: { api_key: 'demo-api-key' } });
    expect(missing.status).toBe(422);
    expect(missing.body).toEqual({
      code: 33,
      message: 'Los datos proporcionados no cumplen las reglas de validación',
      errors: [{ field: 'api_secret', message: 'El campo api secret es obligatorio.', code: 35 }],
    });
  });

  it('reports expires_in in seconds, or as a string, when configured; production iss', async () => {
    sim = await startFacturifySimulator({
      expiresInUnit: 'seconds',
      expiresInType: 'string',
      tokenTtlSeconds: 240,
      environment: 'production',
    });
    const reply = await call(sim, '/api/v1/auth', { json: CREDENTIALS });
    expect(reply.body.jwt.expires_in).toBe('240');
    const claims = decodeClaims(reply.body.jwt.token);
    expect(claims.exp - claims.iat).toBe(240);
    expect(claims.iss).toBe('https://api.facturify.com/api/v1/auth');
  });
});

describe('tokens on business calls and /token/validate', () => {
  it('valid → 200 without code; expired → 401 code "51"; garbage, missing or foreign → 401 code "50"', async () => {
    sim = await startFacturifySimulator({ now: NOW, tokenTtlSeconds: 600 });
    const token = await login(sim);
    const ok = await validate(token);
    expect(ok.status).toBe(200);
    expect(ok.body.code).toBeUndefined();
    expect(ok.body.message).toBe('Token válido');
    expect((await business(token)).status).toBe(200);
    sim.clock.advance(601);
    for (const reply of [await validate(token), await business(token)]) {
      expect(reply.status).toBe(401);
      expect(reply.body).toEqual({ message: 'Token has expired', code: '51' });
    }
    expect((await business('abc.def.ghi')).body).toEqual({
      message: 'Could not decode token',
      code: '50',
    });
    expect((await call(sim, '/api/v1/empresa')).body).toEqual({ message: 'Token not provided', code: '50' });
    const other = await startFacturifySimulator({ environment: 'production' });
    const foreign = await login(other);
    await other.close();
    expect((await business(foreign)).body).toEqual({
      message: 'Token Signature could not be verified.',
      code: '50',
    });
  });
});

describe('POST /api/v1/token/refresh (tymon/jwt-auth semantics)', () => {
  it('keeps the original iat, drops prv, new jti/nbf/exp and iss; the old token is blacklisted at once', async () => {
    sim = await startFacturifySimulator({ now: NOW });
    const first = await login(sim);
    sim.clock.advance(3600);
    const reply = await refresh(first);
    expect(reply.status).toBe(200);
    expect(reply.body.jwt.expires_in).toBe(43_200); // minutes: 30 days
    const old = decodeClaims(first);
    const renewed = decodeClaims(reply.body.jwt.token);
    expect(renewed.iat).toBe(old.iat);
    expect(renewed.nbf).toBe(old.iat + 3600);
    expect(renewed.exp).toBe(old.iat + 3600 + 2_592_000);
    expect(renewed.iss).toBe('https://api-sandbox.facturify.com/api/v1/token/refresh');
    expect(renewed.prv).toBeUndefined();
    expect(renewed.jti).not.toBe(old.jti);
    expect((await business(reply.body.jwt.token)).status).toBe(200);
    const stale = await business(first);
    expect(stale.status).toBe(401);
    expect(stale.body).toEqual({ message: 'The token has been blacklisted', code: '50' });
    expect((await refresh(first)).body.message).toBe('The token has been blacklisted');
    expect(sim.blacklist()).toEqual([expect.objectContaining({ jti: old.jti, effective: true })]);
    expect(sim.calls()).toMatchObject({ auth: 1, refresh: 2, validate: 0, 'empresa.list': 2 });
  });

  it('with a grace period the old token works until it ends (and may even refresh again)', async () => {
    sim = await startFacturifySimulator({ now: NOW, blacklistGraceSeconds: 30 });
    const first = await login(sim);
    const second = (await refresh(first)).body.jwt.token;
    expect((await business(first)).status).toBe(200);
    expect((await refresh(first)).status).toBe(200);
    sim.clock.advance(31);
    expect((await business(first)).status).toBe(401);
    expect((await business(second)).status).toBe(200);
    const listed = await call(sim, '/__admin/blacklist');
    expect(listed.body.blacklist[0]).toMatchObject({ jti: decodeClaims(first).jti, effective: true });
  });

  it('refreshes an expired token inside the window; after iat + refresh_ttl → 401 code "51", and /auth works', async () => {
    sim = await startFacturifySimulator({
      now: NOW,
      tokenTtlSeconds: 60,
      refreshedTokenTtlSeconds: 300,
      refreshTtlSeconds: 600,
    });
    let token = await login(sim);
    sim.clock.advance(120); // expired, still refreshable
    expect((await business(token)).body.code).toBe('51');
    const r1 = await refresh(token);
    expect(r1.status).toBe(200);
    token = r1.body.jwt.token;
    sim.clock.advance(400); // iat + 520 s
    const r2 = await refresh(token);
    expect(r2.status).toBe(200);
    token = r2.body.jwt.token;
    sim.clock.advance(81); // iat + 601 s: the chain is dead although the token itself is still valid
    expect((await business(token)).status).toBe(200);
    const dead = await refresh(token);
    expect(dead.status).toBe(401);
    expect(dead.body).toEqual({ message: 'Token has expired and can no longer be refreshed', code: '51' });
    expect((await call(sim, '/api/v1/auth', { json: CREDENTIALS })).status).toBe(200);
  });

  it('blacklist disabled: old and new tokens both work; refresh needs a token', async () => {
    sim = await startFacturifySimulator({ blacklistEnabled: false, expiresInUnit: 'seconds' });
    const first = await login(sim);
    const reply = await refresh(first);
    expect(reply.body.jwt.expires_in).toBe(2_592_000);
    expect((await business(first)).status).toBe(200);
    expect((await call(sim, '/api/v1/token/refresh', { method: 'POST' })).body).toEqual({
      message: 'Token not provided',
      code: '50',
    });
  });
});

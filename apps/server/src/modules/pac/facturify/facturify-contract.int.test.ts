import { type RunningFacturifySimulator, startFacturifySimulator } from '@boveda/facturify-simulator';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createCache } from '../../../platform/cache/index.js';
import { createLogger } from '../../../platform/logging/index.js';
import { createFacturifyAccounts, type FacturifyAccount } from './facturify-accounts.js';
import { createFacturifyHttp, FacturifyError } from './facturify-http.js';

const CREDS = { apiKey: 'contract-key-0001', apiSecret: 'contract-secret-0001' };
const options = {
  bufferMs: 60_000,
  hardMarginMs: 5_000,
  lockTtlMs: 5_000,
  breakerMs: 300_000,
  attempts: 3,
  backoffBaseMs: 10,
  backoffFactor: 2,
  backoffCapMs: 50,
};

/** The Facturify client against the simulator: every answer shape of the contract (§1.3–1.7). */
describe('Facturify client contract', () => {
  let sim: RunningFacturifySimulator;
  let account: FacturifyAccount;
  beforeAll(async () => {
    sim = await startFacturifySimulator({ ...CREDS, expiresInUnit: 'seconds', expiresInType: 'string' });
    const cache = await createCache({ keyPrefix: 'contract:' });
    account = createFacturifyAccounts({
      cache,
      logger: createLogger({ level: 'silent' }),
      timeoutMs: 2_000,
      options,
    }).get({
      environment: 'sandbox',
      baseUrl: sim.url,
      ...CREDS,
    });
  });
  beforeEach(() => sim.clearFaults());
  afterAll(async () => {
    account?.tokens.stop();
    await sim?.close();
  });

  it('reads expires_in sent as a string, and the JWT it came with', async () => {
    await account.tokens.getToken();
    const { record } = await account.tokens.status();
    expect(record!.expiresIn).toBe(14_400);
    expect(record!.source).toBe('auth');
  });

  it('refuses bad credentials as credentials, with the PAC’s words and no secret', async () => {
    const http = createFacturifyHttp({ baseUrl: sim.url, timeoutMs: 2_000 });
    const err = await http.auth(CREDS.apiKey, 'wrong').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(FacturifyError);
    expect(err).toMatchObject({ kind: 'credentials', status: 401 });
    expect((err as Error).message).not.toContain('wrong');
  });

  it('reads 404 and 422 bodies, codes as strings and field errors listed', async () => {
    const missing = await account.client
      .call('GET', '/api/v1/factura/00000000-0000-0000-0000-000000000000')
      .catch((e: unknown) => e);
    expect(missing).toMatchObject({ kind: 'not_found', status: 404, code: '404' });
    const invalid = await account.client
      .call('POST', '/api/v1/factura', { json: { factura: {} } })
      .catch((e: unknown) => e);
    expect(invalid).toMatchObject({ kind: 'validation', status: 422, code: '33' });
    expect((invalid as FacturifyError).errors.length).toBeGreaterThan(0);
    expect((invalid as FacturifyError).errors[0]).toMatchObject({
      field: expect.any(String),
      message: expect.any(String),
    });
  });

  it('retries a read through 429 (Retry-After) and 503, but never re-sends a stamp', async () => {
    sim.addFault({ operation: 'empresa.list', kind: 'throttle', retryAfter: 0, count: 1 });
    sim.addFault({ operation: 'empresa.list', kind: 'error', status: 503, count: 1 });
    const before = sim.calls()['empresa.list'];
    const answer = await account.client.call('GET', '/api/v1/empresa');
    expect(answer.status).toBe(200);
    expect(sim.calls()['empresa.list']).toBe(before + 3);
    sim.addFault({ operation: 'factura.create', kind: 'error', status: 503, count: 1 });
    const creates = sim.calls()['factura.create'];
    const err = await account.client.call('POST', '/api/v1/factura', { json: {} }).catch((e: unknown) => e);
    expect(err).toMatchObject({ kind: 'transient', status: 503 });
    expect(sim.calls()['factura.create']).toBe(creates + 1);
  });

  it('answers a refused token once with a new one, and never loops', async () => {
    const token = await account.tokens.getToken();
    // Another holder refreshed: this token is blacklisted now.
    const http = createFacturifyHttp({ baseUrl: sim.url, timeoutMs: 2_000 });
    await http.refresh(token);
    const refreshes = sim.calls().refresh;
    const answer = await account.client.call('GET', '/api/v1/empresa');
    expect(answer.status).toBe(200);
    // Our refresh of the blacklisted token was refused, then one /auth: no loop.
    expect(sim.calls().refresh).toBe(refreshes + 1);
  });
});

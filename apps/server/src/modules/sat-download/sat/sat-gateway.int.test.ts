import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type RunningSimulator, startSimulator } from '@boveda/sat-simulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCache } from '../../../platform/cache/index.js';
import {
  type CallListener,
  createSatGateway,
  resolveEndpoints,
  SatCallError,
  type SatCredentials,
} from './sat-gateway.js';

const fixtures = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../../../../../test-fixtures/efirma',
);
const YEAR = new Date().getUTCFullYear() - 1;

describe('SAT gateway over HTTPS against the simulator', () => {
  let sim: RunningSimulator;
  let credentials: SatCredentials;
  beforeAll(async () => {
    sim = await startSimulator({ https: true, seed: 'gateway' });
    credentials = {
      rfc: 'EKU9003173C9',
      certificateDer: await readFile(path.join(fixtures, 'fiel-EKU9003173C9.cer')),
      privateKeyDer: await readFile(path.join(fixtures, 'fiel-EKU9003173C9.key')),
      password: (await readFile(path.join(fixtures, 'fiel-EKU9003173C9-password.txt'), 'utf8')).trim(),
    };
  });
  afterAll(() => sim?.close());

  const gateway = async (tlsInsecure: boolean) =>
    createSatGateway({
      endpoints: resolveEndpoints(sim.url)!,
      http: { timeoutMs: 2000, tlsInsecure, backoffMs: 10, maxAttempts: 2 },
      cache: await createCache(),
    });
  const query = {
    kind: 'metadata' as const,
    direction: 'issued' as const,
    periodStart: `${YEAR}-03-01T00:00:00`,
    periodEnd: `${YEAR}-03-31T23:59:59`,
    filters: { status: 'Todos' as const },
  };

  it('refuses a self-signed certificate unless told to accept it', async () => {
    const strict = await gateway(false);
    const failure = await strict
      .session('t:EKU9003173C9', credentials, () => {})
      .query(query)
      .catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(SatCallError);
    expect((failure as Error).message).toMatch(/autentica: .*certificate/i);
  });

  it('obtains the token once for concurrent calls of the same taxpayer, then reuses it', async () => {
    const g = await gateway(true);
    const calls: string[] = [];
    const listener: CallListener = (e) => calls.push(`${e.operation}:${e.code ?? e.message}`);
    const key = 'tenant-a:EKU9003173C9';
    const [one, two, three] = await Promise.all([
      g.session(key, credentials, listener).query(query),
      g.session(key, credentials, listener).query({ ...query, direction: 'received' }),
      g.session(key, credentials, listener).verify('00000000-0000-4000-8000-000000000000'),
    ]);
    expect(one.code).toBe(5000);
    expect(two.code).toBe(5000);
    expect(three.code).toBe(5004);
    expect(calls.filter((c) => c.startsWith('autentica'))).toEqual(['autentica:token obtained']);

    await g.session(key, credentials, listener).verify(one.satRequestId);
    expect(calls.filter((c) => c.startsWith('autentica'))).toHaveLength(1);
    // Another tenant's conversation for the same RFC has its own token.
    await g.session('tenant-b:EKU9003173C9', credentials, listener).verify(one.satRequestId);
    expect(calls.filter((c) => c.startsWith('autentica'))).toHaveLength(2);
  });
});

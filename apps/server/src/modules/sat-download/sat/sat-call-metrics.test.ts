import { describe, expect, it } from 'vitest';
import { parseExposition, sampleValue } from '../../../../test/support/prometheus.js';
import { createMetrics } from '../../../platform/metrics/index.js';
import { satCallResult, withSatCallMetrics } from './sat-call-metrics.js';
import type { CallListener, SatGateway } from './sat-gateway.js';

describe('SAT call metrics', () => {
  it('turns the history events into a bounded result', () => {
    expect(satCallResult({ operation: 'autentica', message: 'token obtained' })).toBe('ok');
    expect(satCallResult({ operation: 'verifica', code: 5000, message: 'Solicitud Aceptada' })).toBe('ok');
    expect(satCallResult({ operation: 'solicita', code: 5002, message: 'Se agotó' })).toBe('sat_code');
    expect(satCallResult({ operation: 'descarga', message: 'retry 1: ECONNRESET' })).toBe('retry');
    expect(satCallResult({ operation: 'verifica', message: 'failed: timeout' })).toBe('failed');
  });

  it('counts every call a session reports, still telling the history', async () => {
    const metrics = createMetrics();
    const heard: string[] = [];
    const fake: SatGateway = {
      session: (_key, _credentials, listener: CallListener) => ({
        query: async () => {
          listener({ operation: 'autentica', message: 'token obtained' });
          listener({ operation: 'solicita', code: 5000, message: 'ok' });
          return { code: 5000, message: 'ok', satRequestId: 'x' };
        },
        verify: async () => {
          listener({ operation: 'verifica', message: 'failed: socket hang up' });
          throw new Error('down');
        },
        download: async () => ({ code: 5000, message: 'ok', stored: null }),
      }),
    };
    const session = withSatCallMetrics(fake, metrics).session(
      'tenant:RFC',
      { rfc: 'EKU9003173C9', certificateDer: Buffer.alloc(0), privateKeyDer: Buffer.alloc(0), password: '' },
      (e) => heard.push(e.operation),
    );
    await session.query({} as never);
    await expect(session.verify('id')).rejects.toThrow();
    const scraped = parseExposition((await metrics.render()).body);
    expect(heard).toEqual(['autentica', 'solicita', 'verifica']);
    expect(sampleValue(scraped, 'boveda_sat_calls_total', { operation: 'solicita', result: 'ok' })).toBe(1);
    expect(sampleValue(scraped, 'boveda_sat_calls_total', { operation: 'autentica', result: 'ok' })).toBe(1);
    expect(sampleValue(scraped, 'boveda_sat_calls_total', { operation: 'verifica', result: 'failed' })).toBe(
      1,
    );
  });
});

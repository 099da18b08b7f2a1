import type { Metrics, SatCallResult } from '../../../platform/metrics/index.js';
import type { CallListener, SatGateway } from './sat-gateway.js';

// The SAT's "Solicitud Aceptada" / "Solicitud recibida con éxito": every other code is an answer that refused or deferred.
const SAT_OK = 5000;

/** What the gateway told the history, as a bounded metric result. */
export function satCallResult(event: Parameters<CallListener>[0]): SatCallResult {
  if (event.code !== undefined) return event.code === SAT_OK ? 'ok' : 'sat_code';
  if (event.message.startsWith('retry')) return 'retry';
  if (event.message.startsWith('failed')) return 'failed';
  // "token obtained": an authentication that answered.
  return 'ok';
}

/**
 * The gateway with `boveda_sat_calls_total` counted from the same events the request history
 * records (one per call, retry or failure), so the two never disagree. No tenant or RFC label.
 */
export function withSatCallMetrics(gateway: SatGateway, metrics: Pick<Metrics, 'satCalls'>): SatGateway {
  return {
    session: (key, credentials, listener) =>
      gateway.session(key, credentials, (event) => {
        metrics.satCalls.inc({ operation: event.operation, result: satCallResult(event) });
        listener(event);
      }),
  };
}

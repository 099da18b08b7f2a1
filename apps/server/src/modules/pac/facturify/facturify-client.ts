import { type FacturifyAnswer, FacturifyError, type FacturifyHttp, failureOf } from './facturify-http.js';
import type { TokenManager } from './token-manager.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Business calls to Facturify with the shared token. A 401 is answered once: with the token
 * another process wrote meanwhile, or a new one; never a loop. Transient failures are retried with
 * full-jitter backoff only for calls that are safe to repeat: a `POST /factura` that timed out may
 * have stamped, so its caller looks it up before sending again.
 */
export function createFacturifyClient(deps: {
  http: FacturifyHttp;
  tokens: TokenManager;
  retry: { attempts: number; baseMs: number; factor: number; capMs: number };
}) {
  async function once(method: string, path: string, json: unknown): Promise<FacturifyAnswer> {
    const token = await deps.tokens.getToken();
    let answer = await deps.http.send(method, path, { token, ...(json !== undefined ? { json } : {}) });
    if (answer.status === 401) {
      const next = await deps.tokens.afterUnauthorized(token);
      answer = await deps.http.send(method, path, { token: next, ...(json !== undefined ? { json } : {}) });
    }
    const failure = failureOf(answer, 'call');
    if (failure) throw failure;
    return answer;
  }

  return {
    async call(method: string, path: string, opts: { json?: unknown; repeatable?: boolean } = {}) {
      const repeatable = opts.repeatable ?? method === 'GET';
      for (let attempt = 1; ; attempt++) {
        try {
          return await once(method, path, opts.json);
        } catch (err) {
          if (
            !(err instanceof FacturifyError) ||
            !err.retryable ||
            !repeatable ||
            attempt >= deps.retry.attempts
          )
            throw err;
          const cap = Math.min(deps.retry.capMs, deps.retry.baseMs * deps.retry.factor ** (attempt - 1));
          await sleep(err.retryAfterMs ?? Math.random() * cap);
        }
      }
    },
  };
}

export type FacturifyClient = ReturnType<typeof createFacturifyClient>;

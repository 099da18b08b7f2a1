import { setTimeout as sleep } from 'node:timers/promises';
import { type CRequest, CResponse, type WebClientInterface } from '@nodecfdi/sat-ws-descarga-masiva';
import { type Exchange, openExchange } from './http-exchange.js';

export type { Exchange } from './http-exchange.js';

export interface SatWebClientOptions {
  timeoutMs: number;
  /** Accept a self-signed certificate (a local simulator over https), never for production. */
  tlsInsecure?: boolean;
  /** Attempts per call, counting the first (transient faults only). */
  maxAttempts?: number;
  /** First backoff delay; doubles per retry. */
  backoffMs?: number;
  /** Told about every transient failure that will be retried (for the request history). */
  onRetry?: (info: { uri: string; attempt: number; reason: string }) => void;
}

/** A failure of the transport (no answer, or a 5xx that persisted through the retries). */
export class SatTransportError extends Error {
  readonly code = 'SAT_TRANSPORT';
  constructor(
    readonly reason: string,
    readonly uri: string,
  ) {
    super(`SAT call failed after retries: ${reason}`);
    this.name = 'SatTransportError';
  }

  /** nodecfdi's ServiceConsumer reads this from any error the web client throws. */
  getResponse(): CResponse {
    return new CResponse(0, '');
  }
}

// Autentica, Solicita and Verifica answers are a few KB; packages are streamed (`stream`), never
// buffered, so anything this big is not a SAT answer.
const BUFFERED_LIMIT = 16 * 1024 * 1024;

/**
 * nodecfdi's WebClientInterface over node:http(s): per-call inactivity timeout, and retries with
 * exponential backoff on what is transient (network errors, timeouts, HTTP 5xx). Business outcomes
 * arrive as HTTP 200 and are never retried here; HTTP 4xx is returned to nodecfdi, which raises on it.
 */
export class SatWebClient implements WebClientInterface {
  constructor(private readonly options: SatWebClientOptions) {}

  fireRequest(): void {}

  fireResponse(): void {}

  async call(request: CRequest): Promise<CResponse> {
    try {
      return await this.stream(request, async (x) => {
        return new CResponse(x.statusCode, await readText(x.body, BUFFERED_LIMIT), x.headers);
      });
    } catch (error) {
      if (error instanceof SatTransportError) throw error;
      // nodecfdi expects its web client's errors to carry a response.
      throw new SatTransportError(error instanceof Error ? error.message : String(error), request.getUri());
    }
  }

  /**
   * Sends the request and hands the response, as it arrives, to `consume`. The retry policy is the
   * one of `call`: a network error, a timeout or an HTTP 5xx (before the last attempt) starts over,
   * and so does a connection lost while `consume` reads the body (it must then leave nothing behind,
   * e.g. an atomic store). Anything else `consume` throws is the answer's fault and is not retried.
   */
  async stream<T>(request: CRequest, consume: (response: Exchange) => Promise<T>): Promise<T> {
    const attempts = Math.max(1, this.options.maxAttempts ?? 4);
    let reason = 'unknown';
    for (let attempt = 1; attempt <= attempts; attempt++) {
      let exchange: Exchange | undefined;
      try {
        exchange = await openExchange(request, this.options);
        // A SOAP fault with HTTP 500 that persisted: let `consume` read the fault on the last try.
        if (exchange.statusCode < 500 || attempt === attempts) return await consume(exchange);
        reason = `HTTP ${exchange.statusCode}`;
      } catch (error) {
        if (exchange && !exchange.transportFailure()) throw error;
        reason = exchange?.transportFailure() ?? (error instanceof Error ? error.message : String(error));
      } finally {
        exchange?.close();
      }
      if (attempt < attempts) {
        this.options.onRetry?.({ uri: request.getUri(), attempt, reason });
        await sleep((this.options.backoffMs ?? 500) * 2 ** (attempt - 1));
      }
    }
    throw new SatTransportError(reason, request.getUri());
  }
}

/** The body as text, refusing more than `limit` bytes. */
export async function readText(body: AsyncIterable<Buffer>, limit: number): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    size += chunk.length;
    if (size > limit) throw new Error('response too large');
    chunks.push(chunk);
  }
  return Buffer.concat(chunks, size).toString('utf8');
}

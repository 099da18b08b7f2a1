import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { setTimeout as sleep } from 'node:timers/promises';
import { type CRequest, CResponse, type WebClientInterface } from '@nodecfdi/sat-ws-descarga-masiva';

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

const RESPONSE_LIMIT = 512 * 1024 * 1024;

/**
 * nodecfdi's WebClientInterface over node:http(s): per-call timeout, and retries with exponential
 * backoff on what is transient (network errors, timeouts, HTTP 5xx). Business outcomes arrive as
 * HTTP 200 and are never retried here; HTTP 4xx is returned to nodecfdi, which raises on it.
 */
export class SatWebClient implements WebClientInterface {
  constructor(private readonly options: SatWebClientOptions) {}

  fireRequest(): void {}

  fireResponse(): void {}

  async call(request: CRequest): Promise<CResponse> {
    const attempts = Math.max(1, this.options.maxAttempts ?? 4);
    let reason = 'unknown';
    for (let attempt = 1; attempt <= attempts; attempt++) {
      try {
        const response = await this.once(request);
        if (response.getStatusCode() < 500) return response;
        reason = `HTTP ${response.getStatusCode()}`;
        // A SOAP fault with HTTP 500 that persisted: let nodecfdi read the fault on the last try.
        if (attempt === attempts) return response;
      } catch (error) {
        reason = error instanceof Error ? error.message : String(error);
      }
      if (attempt < attempts) {
        this.options.onRetry?.({ uri: request.getUri(), attempt, reason });
        await sleep((this.options.backoffMs ?? 500) * 2 ** (attempt - 1));
      }
    }
    throw new SatTransportError(reason, request.getUri());
  }

  private once(request: CRequest): Promise<CResponse> {
    const url = new URL(request.getUri());
    const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
    const body = Buffer.from(request.getBody(), 'utf8');
    const timeoutMs = this.options.timeoutMs;
    return new Promise((resolve, reject) => {
      const req = send(
        url,
        {
          method: request.getMethod(),
          headers: { ...request.getHeaders(), 'Content-Length': String(body.length) },
          ...(url.protocol === 'https:' && this.options.tlsInsecure ? { rejectUnauthorized: false } : {}),
          agent: false,
        },
        (res) => {
          const chunks: Buffer[] = [];
          let size = 0;
          res.on('data', (chunk: Buffer) => {
            size += chunk.length;
            if (size > RESPONSE_LIMIT) req.destroy(new Error('response too large'));
            else chunks.push(chunk);
          });
          res.on('error', reject);
          res.on('aborted', () => reject(new Error('connection closed mid-response')));
          res.on('end', () => {
            if (!res.complete) return reject(new Error('connection closed mid-response'));
            const headers: Record<string, string> = {};
            for (const [k, v] of Object.entries(res.headers)) if (typeof v === 'string') headers[k] = v;
            resolve(new CResponse(res.statusCode ?? 0, Buffer.concat(chunks).toString('utf8'), headers));
          });
        },
      );
      // An inactivity limit, not a total one: a large package may stream for longer than this.
      req.setTimeout(timeoutMs, () => req.destroy(new Error(`no answer within ${timeoutMs} ms`)));
      req.on('error', reject);
      req.end(body);
    });
  }
}

import { type ClientRequest, request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { pipeline, type Readable } from 'node:stream';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';
import type { CRequest } from '@nodecfdi/sat-ws-descarga-masiva';

/** One HTTP exchange whose body is read as it arrives. */
export interface Exchange {
  statusCode: number;
  headers: Record<string, string>;
  /** The body, decompressed when the server compressed it; it throws when the connection drops. */
  body: AsyncIterable<Buffer>;
  /** Why reading the body failed in transit (connection lost, inactivity timeout), or null. */
  transportFailure(): string | null;
  close(): void;
}

export interface ExchangeOptions {
  timeoutMs: number;
  tlsInsecure?: boolean;
}

// Socket-level failures (as opposed to a decompressor rejecting what did arrive).
const TRANSPORT_CODES = new Set([
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'ECONNABORTED',
  'ERR_STREAM_PREMATURE_CLOSE',
]);

/** Sends the request and resolves at the response headers; errors before them reject. */
export function openExchange(request: CRequest, options: ExchangeOptions): Promise<Exchange> {
  const url = new URL(request.getUri());
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
  const payload = Buffer.from(request.getBody(), 'utf8');
  const { timeoutMs } = options;
  return new Promise((resolve, reject) => {
    let inTransit: string | null = null;
    const req: ClientRequest = send(
      url,
      {
        method: request.getMethod(),
        headers: { ...request.getHeaders(), 'Content-Length': String(payload.length) },
        ...(url.protocol === 'https:' && options.tlsInsecure ? { rejectUnauthorized: false } : {}),
        agent: false,
      },
      (res) => {
        res.on('aborted', () => {
          inTransit ??= 'connection closed mid-response';
        });
        res.on('error', (error: NodeJS.ErrnoException) => {
          if (TRANSPORT_CODES.has(error.code ?? '')) inTransit ??= 'connection closed mid-response';
        });
        const headers: Record<string, string> = {};
        for (const [k, v] of Object.entries(res.headers)) if (typeof v === 'string') headers[k] = v;
        let failure: string | null = null;
        resolve({
          statusCode: res.statusCode ?? 0,
          headers,
          body: bodyOf(
            res,
            (reason) => {
              failure = reason;
            },
            () => inTransit,
          ),
          transportFailure: () => failure,
          close: () => req.destroy(),
        });
      },
    );
    // An inactivity limit, not a total one: a large package may stream for much longer than this.
    req.setTimeout(timeoutMs, () => {
      inTransit ??= `no answer within ${timeoutMs} ms`;
      req.destroy(new Error(`no answer within ${timeoutMs} ms`));
    });
    req.on('error', (error) => {
      inTransit ??= error.message;
      reject(error);
    });
    req.end(payload);
  });
}

/** Thrown by the body when the connection failed mid-answer. */
export class TransportInterruption extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'TransportInterruption';
  }
}

async function* bodyOf(
  res: IncomingMessage,
  onTransportFailure: (reason: string) => void,
  inTransit: () => string | null,
): AsyncGenerator<Buffer> {
  const stream = decoded(res);
  try {
    for await (const chunk of stream) yield chunk as Buffer;
  } catch (error) {
    // Only a socket-level failure is the transport's; a decompressor rejecting the bytes is the answer's.
    const reason = inTransit();
    if (reason === null) throw error;
    onTransportFailure(reason);
    throw new TransportInterruption(reason);
  }
  if (!res.complete) {
    const reason = inTransit() ?? 'connection closed mid-response';
    onTransportFailure(reason);
    throw new TransportInterruption(reason);
  }
}

function decoded(res: IncomingMessage): Readable {
  const encoding = (res.headers['content-encoding'] ?? 'identity').trim().toLowerCase();
  const decoder =
    encoding === 'gzip' || encoding === 'x-gzip'
      ? createGunzip()
      : encoding === 'deflate'
        ? createInflate()
        : encoding === 'br'
          ? createBrotliDecompress()
          : null;
  if (!decoder) {
    if (encoding !== 'identity') res.destroy(new Error(`unsupported Content-Encoding ${encoding}`));
    return res;
  }
  return pipeline(res, decoder, () => {});
}

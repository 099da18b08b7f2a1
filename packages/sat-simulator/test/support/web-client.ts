import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { type CRequest, CResponse, type WebClientInterface } from '@nodecfdi/sat-ws-descarga-masiva';

/**
 * A plain node:http(s) implementation of nodecfdi's WebClientInterface: the only part of the
 * third-party client we supply. `ca` trusts the simulator's self-signed certificate.
 */
export class NodeWebClient implements WebClientInterface {
  readonly exchanges: { request: CRequest; response: CResponse }[] = [];

  constructor(private readonly options: { timeoutMs?: number; ca?: string } = {}) {}

  fireRequest(): void {}

  fireResponse(): void {}

  call(request: CRequest): Promise<CResponse> {
    const url = new URL(request.getUri());
    const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
    const body = Buffer.from(request.getBody(), 'utf8');
    return new Promise((resolve, reject) => {
      const req = send(
        url,
        {
          method: request.getMethod(),
          headers: { ...request.getHeaders(), 'Content-Length': String(body.length) },
          ...(this.options.ca ? { ca: this.options.ca } : {}),
          timeout: this.options.timeoutMs ?? 30_000,
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('error', reject);
          res.on('end', () => {
            const headers: Record<string, string> = {};
            for (const [k, v] of Object.entries(res.headers)) if (typeof v === 'string') headers[k] = v;
            const response = new CResponse(
              res.statusCode ?? 0,
              Buffer.concat(chunks).toString('utf8'),
              headers,
            );
            this.exchanges.push({ request, response });
            resolve(response);
          });
        },
      );
      req.on('timeout', () => {
        req.destroy();
        // nodecfdi's own convention for "no answer in time".
        resolve(CResponse.timeout(this.options.timeoutMs));
      });
      req.on('error', reject);
      req.end(body);
    });
  }
}

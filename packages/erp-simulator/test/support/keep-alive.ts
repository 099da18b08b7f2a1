import http from 'node:http';

/**
 * A node:http client on a keep-alive agent, for volume: on Node 20, fetch (undici) costs about 1 ms
 * a request on its own, which would measure the client rather than the simulator.
 */
export function keepAliveClient(base: string, sockets = 8) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: sockets });
  return {
    request(method: string, path: string, headers: Record<string, string> = {}, body?: string) {
      return new Promise<{ status: number; body: string }>((resolve, reject) => {
        const req = http.request(
          `${base}${path}`,
          {
            method,
            agent,
            headers: {
              ...headers,
              ...(body === undefined ? {} : { 'content-length': Buffer.byteLength(body) }),
            },
          },
          (res) => {
            const chunks: Buffer[] = [];
            res.on('data', (chunk: Buffer) => chunks.push(chunk));
            res.on('end', () =>
              resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString() }),
            );
            res.on('error', reject);
          },
        );
        req.on('error', reject);
        req.end(body);
      });
    },
    close: () => agent.destroy(),
  };
}

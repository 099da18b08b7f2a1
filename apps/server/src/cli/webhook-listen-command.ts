import type { Command } from 'commander';
import { startWebhookListener } from '../modules/webhooks/index.js';

/**
 * `boveda webhook-listen [--port 4040] [--host 127.0.0.1] [--secret whsec_…] [--status 200]`: a
 * local receiver for integrators (like `stripe listen`) that verifies and prints each delivery.
 * Runs until Ctrl-C.
 */
export function registerWebhookListenCommand(program: Command, onLongRunning: () => void): void {
  program
    .command('webhook-listen')
    .description('A local webhook receiver that verifies and prints each delivery (development)')
    .option('--port <port>', 'port to listen on (0 = any free port)', '4040')
    .option('--host <host>', 'address to listen on', '127.0.0.1')
    .option('--secret <secret>', "the endpoint's signing secret (whsec_…); without it nothing is verified")
    .option('--status <status>', 'status to answer deliveries that pass (bad signatures get 401)', '200')
    .action(async (opts: { port: string; host: string; secret?: string; status: string }) => {
      const port = Number(opts.port);
      if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error('--port must be 0–65535');
      const status = Number(opts.status);
      if (!Number.isInteger(status) || status < 200 || status > 599)
        throw new Error('--status must be an HTTP status from 200 to 599');
      if (opts.secret !== undefined && !/^whsec_[A-Za-z0-9+/]+={0,2}$/.test(opts.secret))
        throw new Error('--secret must be a webhook secret: whsec_ followed by base64');
      onLongRunning();
      const listener = await startWebhookListener({ port, host: opts.host, secret: opts.secret, status });
      const hostPort = `${listener.host}:${listener.port}`;
      console.log(
        [
          `Listening for webhooks on ${listener.url} (POST; answers ${status}${opts.secret ? ', or 401 when the signature does not verify' : ''}).`,
          opts.secret
            ? 'Signatures are verified with the given secret (standardwebhooks, 5-minute tolerance).'
            : 'No --secret: signature not checked (pass the endpoint secret to verify).',
          'Point an endpoint at it; a Bóveda server refuses loopback URLs unless allowed:',
          `  OUTBOUND_ALLOWED_HOSTS=${hostPort}`,
          'One line per delivery: time, type, webhook-id, signature, answer, data. Ctrl-C stops it.',
          '',
        ].join('\n'),
      );
      const stop = () => {
        void listener.close().then(() => process.exit(0));
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
}

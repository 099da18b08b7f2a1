import type { Command } from 'commander';
import { type CapturedMail, startSmtpSink } from '../platform/email/smtp-sink.js';

/** How `boveda smtp-sink` shows one received mail: who, from whom, what, and its text. */
export function formatCapturedMail(mail: CapturedMail): string {
  const text = mail.text.trimEnd().replace(/^/gm, '  ');
  return [
    `--- ${mail.receivedAt.toISOString()} mail for ${mail.to.join(', ')}`,
    `From:    ${mail.from}`,
    `Subject: ${mail.subject}`,
    ...(mail.html !== null ? ['(also has an HTML part)'] : []),
    '',
    text,
    '',
  ].join('\n');
}

/**
 * `boveda smtp-sink [--port 2525] [--host 127.0.0.1]`: a local SMTP server that accepts every mail
 * and prints it, for development (point SMTP_URL at it). Runs until Ctrl-C.
 */
export function registerSmtpSinkCommand(program: Command, onLongRunning: () => void): void {
  program
    .command('smtp-sink')
    .description('A local SMTP server that prints every mail it receives (development: point SMTP_URL at it)')
    .option('--port <port>', 'port to listen on (0 = any free port)', '2525')
    .option('--host <host>', 'address to listen on', '127.0.0.1')
    .action(async (opts: { port: string; host: string }) => {
      const port = Number(opts.port);
      if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error('--port must be 0–65535');
      onLongRunning();
      const sink = await startSmtpSink({
        port,
        host: opts.host,
        maxMessages: 100,
        onMail: (mail) => console.log(formatCapturedMail(mail)),
      });
      console.log(
        `SMTP sink listening on ${sink.url} (no TLS, any login accepted). Run Bóveda with:\n  SMTP_URL=${sink.url}\nReceived mail is printed here. Ctrl-C stops it.\n`,
      );
      const stop = () => {
        void sink.close().then(() => process.exit(0));
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
}

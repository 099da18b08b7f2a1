import { EventEmitter } from 'node:events';
import { type AddressObject, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

/** One mail the sink received, parsed. */
export interface CapturedMail {
  /** The From header, as a person reads it: `Bóveda <no-reply@localhost>`. */
  from: string;
  /** The envelope's recipients (RCPT TO), lower-cased as sent. */
  to: string[];
  subject: string;
  text: string;
  html: string | null;
  /** The AUTH user name, or null when the client did not authenticate. */
  user: string | null;
  receivedAt: Date;
}

export interface SmtpSink {
  /** `smtp://127.0.0.1:<port>`: what SMTP_URL should be. */
  url: string;
  host: string;
  port: number;
  /** Received mail, oldest first (the last `maxMessages`). */
  messages: CapturedMail[];
  /** The first received mail (already or within `timeoutMs`) that matches. */
  waitFor(predicate: (mail: CapturedMail) => boolean, timeoutMs?: number): Promise<CapturedMail>;
  close(): Promise<void>;
}

export interface SmtpSinkOptions {
  /** 0 (the default) picks a free port. */
  port?: number;
  host?: string;
  /** Called for each mail as it arrives (the demo and the CLI print it). */
  onMail?: (mail: CapturedMail) => void;
  /** How many mails to keep in `messages` (default 1000; older ones are dropped). */
  maxMessages?: number;
}

/** `Name <address>` (unquoted, as a person reads it) or the bare address. */
const addressText = (a: AddressObject | AddressObject[] | undefined) =>
  (Array.isArray(a) ? a : a ? [a] : [])
    .flatMap((o) => o.value)
    .map((v) => (v.name ? `${v.name} <${v.address ?? ''}>` : (v.address ?? '')))
    .join(', ');

/**
 * A real SMTP server that keeps what it receives, for tests, the demo and `boveda smtp-sink`: plain
 * SMTP on a local port, no TLS, any AUTH accepted (never check it: it is a sink), every mail parsed.
 * Not for production: it accepts anything from anyone who can reach the port.
 */
export async function startSmtpSink(opts: SmtpSinkOptions = {}): Promise<SmtpSink> {
  const host = opts.host ?? '127.0.0.1';
  const maxMessages = opts.maxMessages ?? 1000;
  const messages: CapturedMail[] = [];
  const arrivals = new EventEmitter();
  arrivals.setMaxListeners(0);

  const server = new SMTPServer({
    secure: false,
    disabledCommands: ['STARTTLS'],
    authOptional: true,
    allowInsecureAuth: true,
    logger: false,
    banner: 'Bóveda SMTP sink',
    size: 25 * 1024 * 1024,
    closeTimeout: 1000,
    onAuth(auth, _session, callback) {
      callback(null, { user: auth.username ?? 'anonymous' });
    },
    onData(stream, session, callback) {
      simpleParser(stream)
        .then((parsed) => {
          const mail: CapturedMail = {
            from: addressText(parsed.from),
            to: session.envelope.rcptTo.map((r) => r.address),
            subject: parsed.subject ?? '',
            text: parsed.text ?? '',
            html: typeof parsed.html === 'string' ? parsed.html : null,
            user: typeof session.user === 'string' ? session.user : null,
            receivedAt: new Date(),
          };
          messages.push(mail);
          if (messages.length > maxMessages) messages.splice(0, messages.length - maxMessages);
          callback();
          opts.onMail?.(mail);
          arrivals.emit('mail', mail);
        })
        .catch((err: Error) => callback(err));
    },
  });
  // A client that drops its connection is its problem, not the sink's.
  server.on('error', () => {});

  await new Promise<void>((resolve, reject) => {
    server.server.once('error', reject);
    server.listen(opts.port ?? 0, host, () => {
      server.server.off('error', reject);
      resolve();
    });
  });
  const address = server.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const shownHost = host.includes(':') ? `[${host}]` : host;

  return {
    url: `smtp://${shownHost}:${port}`,
    host,
    port,
    messages,
    waitFor(predicate, timeoutMs = 5_000) {
      const found = messages.find(predicate);
      if (found) return Promise.resolve(found);
      return new Promise((resolve, reject) => {
        const onMail = (mail: CapturedMail) => {
          if (!predicate(mail)) return;
          clearTimeout(timer);
          arrivals.off('mail', onMail);
          resolve(mail);
        };
        const timer = setTimeout(() => {
          arrivals.off('mail', onMail);
          reject(new Error(`No matching mail reached the SMTP sink in ${timeoutMs} ms`));
        }, timeoutMs);
        arrivals.on('mail', onMail);
      });
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

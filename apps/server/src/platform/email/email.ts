import { createTransport } from 'nodemailer';
import { z } from 'zod';
import type { Tx } from '../db/transaction.js';
import { defineJob, type JobDefinition, type Jobs, jobWorker, type RetryPolicy } from '../jobs/jobs.js';
import type { Logger } from '../logging/index.js';
import { scrubSecrets } from '../logging/index.js';

const address = z.email().max(254);
const oneLine = (max: number) =>
  z
    .string()
    .min(1)
    .max(max)
    .refine((s) => !/[\r\n]/.test(s), 'must be one line');

/** A mail to send: checked by `send` and `enqueue`, and again when its job runs. */
export const emailMessageSchema = z.object({
  /** One address or up to 50. */
  to: z.union([address, z.array(address).min(1).max(50)]),
  subject: oneLine(300),
  text: z.string().max(1_000_000),
  html: z.string().max(2_000_000).optional(),
});
export type EmailMessage = z.infer<typeof emailMessageSchema>;

export type EmailSendResult =
  | { sent: true; messageId: string; accepted: number; rejected: number }
  /** SMTP_URL is not set: the mail was logged (recipient count and subject), not sent. */
  | { sent: false; reason: 'not-configured' };

export interface EmailEnqueueOptions {
  /** Join the caller's transaction: the mail is sent only if it commits. */
  tx?: Tx;
  startAfterSeconds?: number;
}

/** The platform's mail port: built once by the composition root, `platform.email` in modules. */
export interface Email {
  /** SMTP_URL is set (mail really leaves). */
  readonly configured: boolean;
  /** The `email.send` job (for `jobs.getJob`). */
  readonly job: JobDefinition<EmailMessage>;
  /** Sends now, within the timeout. Throws `EmailSendError` (no credentials in it). */
  send(message: EmailMessage): Promise<EmailSendResult>;
  /** Queues a durable `email.send` job (retried on failure); answers its id. */
  enqueue(message: EmailMessage, opts?: EmailEnqueueOptions): Promise<string>;
  /** Worker processes (`start`, `worker`): run `email.send` jobs here. */
  startWorker(): Promise<void>;
  close(): Promise<void>;
}

export interface EmailOptions {
  /** `smtp://user:pass@host:587` or `smtps://…`; unset: mail is logged, not sent. */
  smtpUrl?: string | undefined;
  /** The From of every mail: `address` or `Name <address>`. */
  from: string;
  logger: Logger;
  jobs: Jobs;
  /** One delivery, connection to last reply (default 15 s). */
  timeoutMs?: number;
  /** Seconds before each retry of a failed `email.send` job (default `EMAIL_RETRY`). */
  retry?: readonly number[] | RetryPolicy;
}

/** 30 s, 2 min, 10 min, 1 h: a mail server back within about an hour and a quarter loses nothing. */
export const EMAIL_RETRY: readonly number[] = [30, 120, 600, 3600];

/** Why a mail was not sent. The message names the server (host:port), never the credentials. */
export class EmailSendError extends Error {
  constructor(
    message: string,
    /** Nodemailer's code (`ECONNECTION`, `ETIMEDOUT`, `EAUTH`, `EENVELOPE`…). */
    readonly code: string,
    /** The server's SMTP reply code, when it answered. */
    readonly responseCode: number | undefined,
    /** Another attempt cannot help (the server refused the mail itself: 5xx but 503 and auth). */
    readonly permanent: boolean,
  ) {
    super(message);
    this.name = 'EmailSendError';
  }
}

interface SmtpTarget {
  host: string;
  port: number;
  secure: boolean;
  auth?: { user: string; pass: string };
  /** What must never appear in an error or a log line. */
  secrets: string[];
}

const isLoopback = (host: string) =>
  host === 'localhost' || host === '[::1]' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);

function parseSmtpUrl(value: string): SmtpTarget {
  const url = new URL(value);
  const secure = url.protocol === 'smtps:';
  const user = decodeURIComponent(url.username);
  const pass = decodeURIComponent(url.password);
  return {
    host: url.hostname.replace(/^\[(.*)\]$/, '$1'),
    port: url.port ? Number(url.port) : secure ? 465 : 587,
    secure,
    ...(user ? { auth: { user, pass } } : {}),
    secrets: [pass, url.password].filter((s) => s.length > 0),
  };
}

/** SMTP replies that reject this mail for good; auth failures are not among them (an operator fixes those). */
const isPermanentReply = (code: number | undefined) =>
  code !== undefined && code >= 500 && code < 600 && code !== 503 && ![530, 534, 535, 538].includes(code);

/**
 * The mail port: `send` now (SMTP through nodemailer, time-bounded), or `enqueue` a durable
 * `email.send` job in the caller's transaction. Without an SMTP URL nothing is sent: each mail is
 * logged as one info line (recipient count and subject, never the body) and its job completes.
 */
export function createEmail(options: EmailOptions): Email {
  const { logger, jobs } = options;
  const timeoutMs = options.timeoutMs ?? 15_000;
  const target = options.smtpUrl ? parseSmtpUrl(options.smtpUrl) : null;
  const server = target ? `${target.host}:${target.port}` : '';
  const transport = target
    ? createTransport({
        host: target.host,
        port: target.port,
        secure: target.secure,
        // Credentials never cross a network in clear: off loopback, a server without STARTTLS is refused.
        requireTLS: !target.secure && !!target.auth && !isLoopback(target.host),
        ...(target.auth ? { auth: target.auth } : {}),
        connectionTimeout: timeoutMs,
        greetingTimeout: timeoutMs,
        socketTimeout: timeoutMs,
        logger: false,
        debug: false,
      })
    : null;

  const job = defineJob({
    name: 'email.send',
    schema: emailMessageSchema,
    retry: options.retry ?? EMAIL_RETRY,
    permanent: (e) => e instanceof EmailSendError && e.permanent,
    expireInSeconds: 10 * 60,
  });

  const redact = (text: string) => {
    let out = text;
    for (const s of target?.secrets ?? []) out = out.split(s).join('[redacted]');
    return scrubSecrets(out);
  };

  const toError = (err: unknown, aborted: boolean): EmailSendError => {
    const e = (err ?? {}) as { code?: unknown; responseCode?: unknown; message?: unknown };
    const responseCode = typeof e.responseCode === 'number' ? e.responseCode : undefined;
    if (aborted)
      return new EmailSendError(
        `SMTP ${server}: no answer within ${timeoutMs} ms`,
        'ETIMEDOUT',
        undefined,
        false,
      );
    const code = typeof e.code === 'string' ? e.code : 'EUNKNOWN';
    const detail = redact(typeof e.message === 'string' ? e.message : String(err)).slice(0, 500);
    return new EmailSendError(
      `SMTP ${server}: ${code}${responseCode ? ` ${responseCode}` : ''}: ${detail}`,
      code,
      responseCode,
      isPermanentReply(responseCode),
    );
  };

  const summary = (m: EmailMessage) => ({
    recipients: Array.isArray(m.to) ? m.to.length : 1,
    subject: m.subject,
  });

  async function send(input: EmailMessage): Promise<EmailSendResult> {
    const message = emailMessageSchema.parse(input);
    if (!transport) {
      logger.info(summary(message), 'email not sent: SMTP_URL is not set');
      return { sent: false, reason: 'not-configured' };
    }
    const deadline = AbortSignal.timeout(timeoutMs);
    try {
      const info = await transport.sendMail({
        from: options.from,
        to: message.to,
        subject: message.subject,
        text: message.text,
        ...(message.html !== undefined ? { html: message.html } : {}),
        signal: deadline,
      });
      const rejected = info.rejected.length;
      if (rejected > 0)
        logger.warn({ ...summary(message), rejected }, 'email: the server refused some recipients');
      logger.info({ ...summary(message), messageId: info.messageId }, 'email sent');
      return { sent: true, messageId: info.messageId, accepted: info.accepted.length, rejected };
    } catch (err) {
      throw toError(err, deadline.aborted);
    }
  }

  return {
    configured: transport !== null,
    job,
    send,
    async enqueue(message, opts = {}) {
      const id = await jobs.enqueue(job, message, opts);
      // email.send has no dedupe key: every enqueue is a job.
      return id!;
    },
    async startWorker() {
      await jobs.register(
        jobWorker(job, (message) => send(message), {
          concurrency: 2,
          onFinalFailure: async (message, err) => {
            logger.error({ ...summary(message), err }, 'email given up after its last attempt');
          },
        }),
      );
    },
    async close() {
      transport?.close();
    },
  };
}

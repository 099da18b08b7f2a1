import net from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/support/database.js';
import { createJobs, type Jobs } from '../jobs/jobs.js';
import { createLogger } from '../logging/index.js';
import { createEmail, type Email, EmailSendError, type EmailTemplate, layout, renderEmail } from './index.js';
import { startSmtpSink } from './smtp-sink.js';

const PASSWORD = 'Sup3r-Secreta:%40/ñ';
const ENCODED_PASSWORD = encodeURIComponent(PASSWORD);

const aviso: EmailTemplate<{ cliente: string; folio: string }> = {
  subject: 'Aviso: el webhook de {{cliente}} falló',
  text: 'El webhook de {{cliente}} no respondió al folio {{folio}}.',
  html: '<p>El webhook de <b>{{cliente}}</b> no respondió al folio {{folio}}.</p>',
};

async function waitUntil<T>(fn: () => Promise<T | undefined>, timeoutMs = 8_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await fn();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** A port nothing listens on (just now). */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((r) => server.close(r));
  return port;
}

describe('platform/email', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  const logs: string[] = [];
  const logger = createLogger({
    level: 'debug',
    destination: { write: (line: string) => void logs.push(line) },
  });
  const open: { close(): Promise<unknown> }[] = [];

  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterEach(async () => {
    for (const o of open.splice(0).reverse()) await o.close();
  });
  afterAll(async () => {
    await database.close();
  });

  /** One job queue and mail port per test: `email.send` is one queue, and each test has its own SMTP. */
  async function setup(opts: { smtpUrl?: string; retry?: number[]; timeoutMs?: number }) {
    const jobs: Jobs = createJobs({
      connectionString: database.url,
      pollingIntervalSeconds: 0.5,
      supervise: false,
      onError: () => {},
    });
    await jobs.start();
    open.push({ close: () => jobs.stop() });
    const email: Email = createEmail({
      smtpUrl: opts.smtpUrl,
      from: 'Bóveda <no-reply@boveda.local>',
      logger,
      jobs,
      timeoutMs: opts.timeoutMs ?? 2_000,
      retry: opts.retry ?? [1, 1, 1],
    });
    open.push(email);
    await email.startWorker();
    const finished = (id: string) =>
      waitUntil(async () => {
        const job = await jobs.getJob(email.job, id);
        return job && (job.state === 'completed' || job.state === 'failed') ? job : undefined;
      });
    return { jobs, email, finished };
  }

  it('sends a mail queued in a committed transaction, never one whose transaction rolled back', async () => {
    const sink = await startSmtpSink();
    open.push(sink);
    const { email, finished } = await setup({ smtpUrl: sink.url });
    const mail = (cliente: string) => ({
      to: ['contador@despacho.mx', 'socia@despacho.mx'],
      ...layout(renderEmail(aviso, { cliente, folio: 'F-100' })),
    });

    await expect(
      database.transaction(async (tx) => {
        await email.enqueue(mail('Revertido SA'), { tx });
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    const id = await database.transaction((tx) => email.enqueue(mail('Pérez & <Hijos>'), { tx }));

    const got = await sink.waitFor((m) => m.subject.includes('Pérez'));
    expect(got.subject).toBe('Aviso: el webhook de Pérez & <Hijos> falló');
    expect(got.from).toBe('Bóveda <no-reply@boveda.local>');
    expect(got.to).toEqual(['contador@despacho.mx', 'socia@despacho.mx']);
    expect(got.text).toContain('El webhook de Pérez & <Hijos> no respondió al folio F-100.');
    expect(got.text).toContain('Este mensaje lo envió Bóveda');
    expect(got.html).toContain('<b>Pérez &amp; &lt;Hijos&gt;</b>');
    expect(got.html).not.toContain('<Hijos>');
    expect(await finished(id)).toMatchObject({ state: 'completed', attempts: 0, output: { sent: true } });

    const { rows } = await database.pool.query(
      "SELECT count(*)::int AS n FROM pgboss.job WHERE name = 'email.send'",
    );
    expect(rows[0].n).toBe(1);
    expect(sink.messages.filter((m) => m.subject.includes('Revertido'))).toEqual([]);
    // The log says who-many and what, never the body.
    const sent = logs.find((l) => l.includes('"email sent"'));
    expect(JSON.parse(sent!)).toMatchObject({ recipients: 2, subject: got.subject });
    expect(logs.join('\n')).not.toContain('F-100');
  });

  it('retries while the SMTP server is down and delivers once it is back; the password never shows', async () => {
    const port = await closedPort();
    const { email, jobs, finished } = await setup({
      smtpUrl: `smtp://avisos%40despacho.mx:${ENCODED_PASSWORD}@127.0.0.1:${port}`,
      retry: [1, 1, 1, 1],
    });
    const id = await email.enqueue({ to: 'contador@despacho.mx', subject: 'Reintento', text: 'hola' });
    await waitUntil(async () => ((await jobs.getJob(email.job, id))!.attempts >= 1 ? true : undefined));

    const sink = await startSmtpSink({ port });
    open.push(sink);
    const got = await sink.waitFor((m) => m.subject === 'Reintento');
    expect(got.user).toBe('avisos@despacho.mx');
    const done = await finished(id);
    expect(done.state).toBe('completed');
    expect(done.attempts).toBeGreaterThanOrEqual(1);

    // The failed attempt's error is stored with the job: it names the server, not the credentials.
    const { rows } = await database.pool.query<{ output: string }>(
      "SELECT output::text AS output FROM pgboss.job WHERE name = 'email.send' AND output::text LIKE '%retriedAs%'",
    );
    expect(rows.length).toBeGreaterThanOrEqual(1);
    expect(rows[0]!.output).toContain(`127.0.0.1:${port}`);
    for (const text of [...rows.map((r) => r.output), logs.join('\n')]) {
      expect(text).not.toContain(PASSWORD);
      expect(text).not.toContain(ENCODED_PASSWORD);
    }
  });

  it('throws an EmailSendError without credentials when the server is down or silent', async () => {
    const down = createEmail({
      smtpUrl: `smtps://usuario:${ENCODED_PASSWORD}@127.0.0.1:${await closedPort()}`,
      from: 'no-reply@boveda.local',
      logger,
      jobs: {} as Jobs,
      timeoutMs: 1_000,
    });
    const err = await down.send({ to: 'a@despacho.mx', subject: 's', text: 't' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(EmailSendError);
    expect(err).toMatchObject({ code: expect.stringMatching(/^(ECONNECTION|ESOCKET)$/), permanent: false });
    expect(
      JSON.stringify({ ...(err as object), message: (err as Error).message, stack: (err as Error).stack }),
    ).not.toContain(PASSWORD.slice(0, 8));

    // A server that accepts the connection and never greets: the timeout bounds the send.
    const sockets: net.Socket[] = [];
    const silent = net.createServer((socket) => void sockets.push(socket));
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
    open.push({
      close: () => {
        for (const socket of sockets) socket.destroy();
        return new Promise((r) => silent.close(r));
      },
    });
    const hung = createEmail({
      smtpUrl: `smtp://usuario:${ENCODED_PASSWORD}@127.0.0.1:${(silent.address() as net.AddressInfo).port}`,
      from: 'no-reply@boveda.local',
      logger,
      jobs: {} as Jobs,
      timeoutMs: 1_000,
    });
    const started = Date.now();
    const timeout = await hung
      .send({ to: 'a@despacho.mx', subject: 's', text: 't' })
      .catch((e: unknown) => e);
    expect(timeout).toBeInstanceOf(EmailSendError);
    expect((timeout as EmailSendError).code).toMatch(/ETIMEDOUT/);
    expect(Date.now() - started).toBeLessThan(3_000);
    expect((timeout as Error).message).not.toContain(PASSWORD.slice(0, 8));
    await Promise.all([down.close(), hung.close()]);
  });

  it('gives up at once when the server refuses the recipient (5xx)', async () => {
    const refusing = new SMTPServer({
      disabledCommands: ['STARTTLS'],
      authOptional: true,
      logger: false,
      onRcptTo(_address, _session, callback) {
        callback(Object.assign(new Error('Buzón inexistente'), { responseCode: 550 }));
      },
    });
    await new Promise<void>((r) => refusing.listen(0, '127.0.0.1', r));
    open.push({ close: () => new Promise<void>((r) => refusing.close(() => r())) });
    const port = (refusing.server.address() as net.AddressInfo).port;
    const { email, finished } = await setup({ smtpUrl: `smtp://127.0.0.1:${port}`, retry: [1, 1] });
    const id = await email.enqueue({ to: 'nadie@despacho.mx', subject: 'Rechazo', text: 't' });
    expect(await finished(id)).toMatchObject({ state: 'failed', attempts: 0 });
    expect(logs.some((l) => l.includes('email given up') && l.includes('Rechazo'))).toBe(true);
  });

  it('without SMTP_URL logs the recipient count and subject, never the body, and completes the job', async () => {
    const { email, finished } = await setup({});
    expect(email.configured).toBe(false);
    const id = await email.enqueue({
      to: ['uno@despacho.mx', 'dos@despacho.mx', 'tres@despacho.mx'],
      subject: 'Sin servidor',
      text: 'cuerpo-privado',
      html: '<p>cuerpo-privado</p>',
    });
    expect(await finished(id)).toMatchObject({
      state: 'completed',
      output: { sent: false, reason: 'not-configured' },
    });
    const line = logs.find((l) => l.includes('Sin servidor'));
    expect(JSON.parse(line!)).toMatchObject({
      level: 30,
      recipients: 3,
      subject: 'Sin servidor',
      msg: 'email not sent: SMTP_URL is not set',
    });
    expect(logs.join('\n')).not.toContain('cuerpo-privado');
    expect(logs.join('\n')).not.toContain('uno@despacho.mx');
  });

  it('refuses a mail with an invalid address or a multi-line subject before queueing it', async () => {
    const { email } = await setup({});
    await expect(
      email.enqueue({ to: ['ok@despacho.mx', 'no-es-correo'], subject: 's', text: 't' }),
    ).rejects.toThrow();
    await expect(
      email.enqueue({ to: 'ok@despacho.mx', subject: 'a\r\nBcc: x@y.mx', text: 't' }),
    ).rejects.toThrow();
    await expect(email.send({ to: [], subject: 's', text: 't' })).rejects.toThrow();
  });
});

import { startTestServer, type TestServer } from '../../../../test/support/test-server.js';
import { seedTwoOrganizations } from '../../../../test/support/two-organizations.js';
import { registerWorkers } from '../../../app/workers.js';
import { startSmtpSink } from '../../../platform/email/smtp-sink.js';

type Json = Record<string, unknown>;

export async function waitFor<T>(
  fn: () => Promise<T | undefined | false> | T | undefined | false,
  timeoutMs = 20_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await fn();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 50));
  }
}

/**
 * The real app with webhooks on short schedules, two organizations and API keys of every role.
 * Receivers are real HTTP servers on 127.0.0.1, allowed by OUTBOUND_ALLOWED_HOSTS (the guard still
 * refuses every other private address).
 */
export async function startWebhooksHarness(
  env: Record<string, string> = {},
  opts: { workers?: boolean } = {},
) {
  // Alerts really go out by SMTP, to a local server that keeps them.
  const mail = await startSmtpSink();
  const server: TestServer = await startTestServer({
    env: {
      SMTP_URL: mail.url,
      OUTBOUND_ALLOWED_HOSTS: '127.0.0.1',
      // Retries in tenths of a second (seconds to hours in production): schedules and their order are
      // what the tests prove, not the length of a wait.
      WEBHOOK_RETRY_SCHEDULE: '0.3,0.3,0.3',
      WEBHOOK_TIMEOUT_MS: '1500',
      ...env,
    },
  });
  if (opts.workers ?? true) await registerWorkers(server.ctx);
  const { tenantA, tenantB, keys, call } = await seedTwoOrganizations(server);
  return {
    server,
    mail,
    tenantA,
    tenantB,
    keys,
    call,
    sql: async <R = Json>(text: string, values: unknown[] = []) =>
      (await server.ctx.database.pool.query(text, values)).rows as R[],
    async createEndpoint(body: Json, key = keys.admin) {
      const res = await call('POST', '/api/v1/webhooks/endpoints', body, key);
      if (res.status !== 201) throw new Error(`create endpoint: ${res.status} ${JSON.stringify(res.body)}`);
      return res.body as Json & { id: string; secret: string };
    },
    /** Attempts of an endpoint, oldest first. */
    async attempts(endpointId: string) {
      const res = await call('GET', `/api/v1/webhooks/attempts?endpointId=${endpointId}&limit=200`);
      return ((res.body.items ?? []) as Json[]).reverse();
    },
    async close() {
      await server.close();
      await mail.close();
    },
  };
}

export type WebhooksHarness = Awaited<ReturnType<typeof startWebhooksHarness>>;

import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type ErpSimulatorOptions, type RunningErpSimulator, startErpSimulator } from '@boveda/erp-simulator';
import { startTestServer, type TestServer } from '../../../../test/support/test-server.js';
import { seedTwoOrganizations } from '../../../../test/support/two-organizations.js';
import { registerWorkers } from '../../../app/workers.js';
import { startSmtpSink } from '../../../platform/email/smtp-sink.js';

type Json = Record<string, unknown>;

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../../..');
export const cfdiFixture = (name: string) => readFile(path.join(root, 'test-fixtures', 'cfdi', name));

/** CFDI with distinct UUIDs from the repo's fixtures (some stamped ones share one): what the vault holds. */
export const STAMPED = [
  'satcfdi-stamped-finkok.xml',
  'satcfdi-stamped-ingreso-exento-XIQB891116QE4.xml',
  'satcfdi-stamped-ingreso-iva16-pue-HandE951128469.xml',
  'satcfdi-stamped-pago20-HandE951128469.xml',
  'cfdiutils-cfdi40-real.xml',
  'nodecfdi-cfdi33-valid.xml',
];

export async function waitFor<T>(
  fn: () => Promise<T | undefined | false | null> | T | undefined | false | null,
  timeoutMs = 20_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await fn();
    if (value !== undefined && value !== false && value !== null) return value;
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 50));
  }
}

/**
 * The real app with its workers, connectors on short retry schedules, two organizations with keys
 * of every role, a real ERP simulator on 127.0.0.1 (allowed by OUTBOUND_ALLOWED_HOSTS; the guard
 * still refuses every other private address) and an SMTP sink for the alerts.
 */
export async function startConnectorsHarness(
  erpOptions: ErpSimulatorOptions = {},
  env: Record<string, string> = {},
) {
  const mail = await startSmtpSink();
  const erp: RunningErpSimulator = await startErpSimulator({
    port: 0,
    seed: 'connectors-test',
    ...erpOptions,
  });
  const server: TestServer = await startTestServer({
    env: {
      SMTP_URL: mail.url,
      OUTBOUND_ALLOWED_HOSTS: '127.0.0.1',
      CONNECTOR_CALL_RETRY_SCHEDULE: '0.1,0.2',
      CONNECTOR_RUN_RETRY_SCHEDULE: '1',
      CONNECTOR_MAX_RETRY_AFTER_SECONDS: '1',
      ...env,
    },
  });
  await registerWorkers(server.ctx);
  const { tenantA, tenantB, keys, call } = await seedTwoOrganizations(server);
  const sql = async <R = Json>(text: string, values: unknown[] = []) =>
    (await server.ctx.database.pool.query(text, values)).rows as R[];

  return {
    server,
    erp,
    mail,
    tenantA,
    tenantB,
    keys,
    call,
    sql,
    /** Stores fixture CFDI in organization A's vault; answers their UUIDs (lower-case). */
    async vault(names: string[] = STAMPED): Promise<string[]> {
      const uuids: string[] = [];
      for (const name of names) {
        const stored = await server.ctx.services.cfdiIngestion.registerDocument({
          tenantId: tenantA,
          xml: await cfdiFixture(name),
          objectKey: `tests/${name}`,
        });
        uuids.push(stored.uuid.toLowerCase());
      }
      return uuids;
    },
    async createConnector(body: Json, key = keys.admin) {
      const res = await call('POST', '/api/v1/connectors', body, key);
      if (res.status !== 201) throw new Error(`create connector: ${res.status} ${res.text}`);
      return res.body as Json & { id: string };
    },
    /** Waits until the run has finished; answers it. */
    async finished(connectorId: string, runId: string, timeoutMs = 30_000) {
      return waitFor(async () => {
        const res = await call('GET', `/api/v1/connectors/${connectorId}/runs/${runId}`);
        return res.body?.finishedAt ? res.body : null;
      }, timeoutMs);
    },
    /** Domain events of a type, oldest first. */
    async events(type: string) {
      return (
        await sql<{ payload: Json }>('SELECT payload FROM domain_events WHERE type = $1 ORDER BY id', [type])
      ).map((r) => r.payload);
    },
    async close() {
      await server.close();
      await erp.close();
      await mail.close();
    },
  };
}

export type ConnectorsHarness = Awaited<ReturnType<typeof startConnectorsHarness>>;

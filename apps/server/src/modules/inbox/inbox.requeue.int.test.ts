import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../../test/support/test-server.js';
import { registerWorkers } from '../../app/workers.js';
import { fixture } from './testing/inbox-harness.js';

/**
 * An invoice left `processing` without a job to read it — restored from a backup, whose archive has
 * no job queue — is read once a worker starts.
 */
describe('inbox: invoices processing without a job', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server?.close());

  it('are queued again by a starting worker and read', async () => {
    const org = await server.seedUser({
      tenantName: 'Restaurado',
      email: 'r@restaurado.mx',
      password: 'correct horse battery staple 42',
      role: 'owner',
    });
    const [received] = await server.ctx.services.inbox.receiveFiles(
      org.tenantId,
      { type: 'system', id: 'test', label: 'test' },
      [{ name: 'f.xml', bytes: await fixture('cfdi', 'cfdiutils-cfdi40-real.xml') }],
    );
    // No worker ran yet; the queue loses the job, as a restore into a new database would.
    await server.ctx.database.pool.query("DELETE FROM pgboss.job WHERE name = 'inbox.extract'");

    await registerWorkers(server.ctx);
    const deadline = Date.now() + 30_000;
    let status = 'processing';
    while (status === 'processing' && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 100));
      status = (await server.ctx.services.inbox.get(org.tenantId, received!.id)).row.status;
    }
    expect(status).toBe('waiting_validation');
  });
});

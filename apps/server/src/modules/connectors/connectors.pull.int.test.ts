import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ConnectorsHarness, startConnectorsHarness, waitFor } from './testing/connectors-harness.js';

const CLIENT = { clientId: 'boveda-client', clientSecret: 'erp-oauth-secret-77' };

describe('connectors: pull from an ERP into staging', () => {
  let h: ConnectorsHarness;
  let connector: { id: string };
  beforeAll(async () => {
    h = await startConnectorsHarness({
      auth: { type: 'oauth2', ...CLIENT },
      counts: { customers: 120, suppliers: 30, purchaseOrders: 25 },
    });
    connector = await h.createConnector({
      name: 'ERP Ventas',
      direction: 'pull',
      baseUrl: h.erp.url,
      auth: { type: 'oauth2', tokenUrl: `${h.erp.url}/oauth/token`, ...CLIENT },
      pull: {
        resources: [
          {
            name: 'customers',
            kind: 'customers',
            path: '/api/customers',
            pagination: { style: 'cursor', pageSize: 50 },
            incremental: { updatedField: 'updated_at', param: 'updated_since' },
          },
          {
            name: 'suppliers',
            kind: 'suppliers',
            path: '/api/suppliers',
            pagination: { style: 'page', pageSize: 7 },
          },
          {
            name: 'purchase-orders',
            kind: 'purchase_orders',
            path: '/api/purchase-orders',
            pagination: { style: 'offset', pageSize: 10 },
          },
        ],
      },
    });
  });
  afterAll(async () => {
    await h?.close();
  });

  async function runPull(body: unknown = {}, id = connector.id) {
    const res = await h.call('POST', `/api/v1/connectors/${id}/pull`, body, h.keys.member);
    expect(res.status).toBe(202);
    return h.finished(id, res.body.runId);
  }
  const records = async (query: string) =>
    (
      await h.call(
        'GET',
        `/api/v1/connectors/${connector.id}/records?limit=200&${query}`,
        undefined,
        h.keys.member,
      )
    ).body.items as {
      id: string;
      externalId: string;
      status: string;
      lastAction: string;
      payload: Record<string, unknown>;
    }[];

  it('reads every page of every pagination style into staging, with an OAuth token', async () => {
    const run = await runPull();
    expect(run).toMatchObject({ status: 'success', kind: 'pull', error: null });
    expect(run.counts).toEqual({ fetched: 175, added: 175, updated: 0, unchanged: 0, failed: 0 });
    expect(run.resources.customers).toMatchObject({ fetched: 120, added: 120, pages: 3, cursorFrom: null });
    expect(run.resources.customers.cursorTo).toBe(h.erp.records('customers').at(-1)!.updated_at);
    expect(run.resources.suppliers).toMatchObject({ fetched: 30, pages: 5 });
    expect(run.resources['purchase-orders']).toMatchObject({ fetched: 25, pages: 3 });
    const staged = await records('resource=customers&status=staged');
    expect(staged).toHaveLength(120);
    const truth = h.erp.records('customers').find((r) => r.id === 'CUS-000007')!;
    expect(staged.find((r) => r.externalId === 'CUS-000007')!.payload).toEqual(truth);
    expect(await h.events('connectors.sync.completed')).toContainEqual(
      expect.objectContaining({
        runId: run.id,
        status: 'success',
        resources: ['customers', 'suppliers', 'purchase-orders'],
      }),
    );
    // One token for the whole run: the ERP saw a single token request.
    expect(h.erp.requests().filter((r) => r.operation === 'token')).toHaveLength(1);
  });

  it('re-syncs from the cursor and stores only what changed', async () => {
    const unchanged = await runPull({ resources: ['customers'] });
    // updated_since is inclusive: the last record comes back and is recognised as unchanged.
    expect(unchanged.counts).toMatchObject({ added: 0, updated: 0, failed: 0 });
    expect(unchanged.counts.fetched).toBeLessThan(5);
    const touched = h.erp.touch('customers', { count: 4 });
    const changed = await runPull({ resources: ['customers'] });
    expect(changed.counts).toMatchObject({ added: 0, updated: 4 });
    const updated = (await records('resource=customers')).filter((r) => r.lastAction === 'updated');
    expect(updated.map((r) => r.externalId).sort()).toEqual(touched.map((r) => r.id).sort());
    // A full re-read fetches everything and still writes nothing new.
    const full = await runPull({ resources: ['customers'], full: true });
    expect(full.counts).toMatchObject({ fetched: 120, added: 0, updated: 0, unchanged: 120 });
  });

  it('gets a new token when the ERP says the old one expired', async () => {
    h.erp.expireTokens();
    const run = await runPull({ resources: ['suppliers'] });
    expect(run.status).toBe('success');
    expect(h.erp.requests().filter((r) => r.operation === 'token').length).toBeGreaterThanOrEqual(2);
  });

  it('is partial when one resource fails: the others are stored and the error names it', async () => {
    const broken = await h.createConnector({
      name: 'ERP con recurso roto',
      direction: 'pull',
      baseUrl: h.erp.url,
      auth: { type: 'oauth2', tokenUrl: `${h.erp.url}/oauth/token`, ...CLIENT },
      pull: {
        resources: [
          { name: 'suppliers', path: '/api/suppliers', pagination: { style: 'page', pageSize: 100 } },
          { name: 'lost', path: '/api/customers', recordsPath: 'rows' },
        ],
      },
    });
    const run = await runPull({}, broken.id);
    expect(run.status).toBe('partial');
    expect(run.resources.suppliers).toMatchObject({ fetched: 30, added: 30 });
    expect(run.error).toMatch(/lost: .*"rows"/);
    expect(await h.events('connectors.sync.completed')).toContainEqual(
      expect.objectContaining({ runId: run.id, status: 'partial' }),
    );
  });

  it('lets an admin accept staged records (announced for import) or ignore them; a change brings one back', async () => {
    const staged = await records('resource=suppliers&status=staged');
    const [a, b, c] = staged;
    expect(
      (
        await h.call(
          'POST',
          `/api/v1/connectors/${connector.id}/records/review`,
          { ids: [a!.id], action: 'accept' },
          h.keys.member,
        )
      ).status,
    ).toBe(403);
    const accepted = await h.call('POST', `/api/v1/connectors/${connector.id}/records/review`, {
      ids: [a!.id, b!.id],
      action: 'accept',
    });
    expect(accepted.body).toEqual({ changed: 2 });
    const ignored = await h.call('POST', `/api/v1/connectors/${connector.id}/records/review`, {
      ids: [c!.id, a!.id],
      action: 'ignore',
    });
    expect(ignored.body).toEqual({ changed: 1 });
    const announced = await h.events('connectors.records.accepted');
    expect(announced.at(-1)).toMatchObject({ resource: 'suppliers', kind: 'suppliers' });
    expect((announced.at(-1)!.records as { externalId: string }[]).map((r) => r.externalId).sort()).toEqual(
      [a!.externalId, b!.externalId].sort(),
    );
    h.erp.touch('suppliers', { ids: [a!.externalId] });
    await runPull({ resources: ['suppliers'] });
    expect((await records('resource=suppliers&status=accepted')).map((r) => r.externalId)).toEqual([
      b!.externalId,
    ]);
    expect((await records(`q=${a!.externalId}`))[0]).toMatchObject({
      status: 'staged',
      lastAction: 'updated',
    });
    const stats = await h.call('GET', `/api/v1/connectors/${connector.id}/stats`, undefined, h.keys.member);
    expect(stats.body.staged).toMatchObject({ customers: 120, 'purchase-orders': 25 });
    expect(stats.body.pending).toBeNull();
  });

  it('runs on its schedule, and e-mails the admins once when a scheduled run fails', async () => {
    const scheduled = await h.createConnector({
      name: 'ERP nocturno',
      direction: 'pull',
      baseUrl: h.erp.url,
      auth: {
        type: 'oauth2',
        tokenUrl: `${h.erp.url}/oauth/token`,
        clientId: CLIENT.clientId,
        clientSecret: 'wrong',
      },
      schedule: { cron: '0 2 * * *', timeZone: 'America/Mexico_City' },
      pull: { resources: [{ name: 'customers', path: '/api/customers' }] },
    });
    expect(scheduled.nextRunAt).toMatch(/T08:00:00\.000Z$/);
    let fired = 0;
    const fire = async () => {
      await h.sql("UPDATE job_schedules SET next_run_at = now() - interval '1 minute' WHERE key = $1", [
        scheduled.id,
      ]);
      await h.server.ctx.schedules.tick();
      fired++;
      // The schedule queues a job that creates the run: wait for this firing's run to finish.
      const runs = await waitFor(async () => {
        const list = (await h.call('GET', `/api/v1/connectors/${scheduled.id}/runs`)).body.items;
        return list.length === fired && list[0].finishedAt ? list : null;
      });
      return runs[0];
    };
    const first = await fire();
    expect(first).toMatchObject({ trigger: 'schedule', status: 'failed' });
    expect(first.error).toMatch(/rechazó las credenciales OAuth/);
    const mail = await waitFor(() => h.mail.messages.find((m) => m.subject.includes('ERP nocturno')));
    expect(mail.to).toEqual(['a@example.com']);
    expect(mail.text).toContain('importación programada');
    expect(mail.text).not.toContain('wrong');
    // Still failing: no second mail.
    await fire();
    await new Promise((r) => setTimeout(r, 1500));
    expect(h.mail.messages.filter((m) => m.subject.includes('ERP nocturno'))).toHaveLength(1);
    // Fixed: the next scheduled run succeeds.
    const patched = await h.call('PATCH', `/api/v1/connectors/${scheduled.id}`, {
      auth: { type: 'oauth2', tokenUrl: `${h.erp.url}/oauth/token`, ...CLIENT },
    });
    expect(patched.status).toBe(200);
    const fixed = await fire();
    expect(fixed, JSON.stringify(fixed)).toMatchObject({ status: 'success' });
  });
});

import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type ConnectorsHarness, STAMPED, startConnectorsHarness } from './testing/connectors-harness.js';

const API_KEY = 'erp-api-key-5f1c';

const mapping = {
  source: 'cfdi',
  method: 'POST',
  path: '/api/invoices',
  body: {
    uuid: '{{uuid}}',
    rfc_emisor: '{{emisor.rfc}}',
    rfc_receptor: '{{receptor.rfc}}',
    total: '{{total | fixed:"2"}}',
    fecha: '{{fecha | date}}',
    lineas: { $each: 'conceptos', as: { descripcion: '{{descripcion}}', importe: '{{importe}}' } },
  },
  externalIdPath: 'id',
  concurrency: 3,
};

describe('connectors: push to an ERP', () => {
  let h: ConnectorsHarness;
  let connector: { id: string };
  let uuids: string[];
  beforeAll(async () => {
    h = await startConnectorsHarness({ auth: { type: 'api-key', key: API_KEY } });
    uuids = await h.vault();
    connector = await h.createConnector({
      name: 'ERP Contabilidad',
      direction: 'push',
      baseUrl: h.erp.url,
      auth: { type: 'api_key', header: 'X-Api-Key', key: API_KEY },
      testPath: '/api/company',
      timeoutMs: 800,
      push: mapping,
    });
  });
  beforeEach(() => h.erp.clearFaults());
  afterAll(async () => {
    await h?.close();
  });

  const push = (body: unknown = {}, key?: string) =>
    h.call('POST', `/api/v1/connectors/${connector.id}/push`, body, key);
  async function runPush(body: unknown = {}) {
    const res = await push(body);
    expect(res.status).toBe(202);
    return h.finished(connector.id, res.body.runId);
  }

  it('tests the connection with the stored key, and says why when the ERP refuses it', async () => {
    const ok = await h.call('POST', `/api/v1/connectors/${connector.id}/test`);
    expect(ok.body).toMatchObject({ ok: true, status: 200, error: null });
    const wrong = await h.createConnector({
      name: 'Llave equivocada',
      direction: 'push',
      baseUrl: h.erp.url,
      auth: { type: 'api_key', key: 'not-the-key' },
      testPath: '/api/company',
      push: mapping,
    });
    const refused = await h.call('POST', `/api/v1/connectors/${wrong.id}/test`);
    expect(refused.body).toMatchObject({ ok: false, status: 401 });
    expect(refused.body.error).toMatch(/credenciales/);
    expect(refused.text).not.toContain('not-the-key');
  });

  it('previews the rendered request for one document without sending it (dry run)', async () => {
    const before = h.erp.received('invoices').length;
    const res = await h.call('POST', `/api/v1/connectors/${connector.id}/preview`, {
      document: { kind: 'cfdi', id: uuids[0]!.toUpperCase() },
    });
    expect(res.status).toBe(200);
    expect(res.body.method).toBe('POST');
    expect(res.body.url).toBe(`${h.erp.url}/api/invoices`);
    expect(res.body.headers['X-Api-Key']).toBe('••••');
    expect(res.body.headers['idempotency-key']).toMatch(/^boveda-[0-9a-f]{40}$/);
    expect(res.body.body).toMatchObject({
      uuid: uuids[0]!.toUpperCase(),
      rfc_emisor: expect.stringMatching(/^[A-Z&Ñ]{3,4}\d{6}\w{3}$/),
      total: expect.stringMatching(/^\d+\.\d{2}$/),
      fecha: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
    });
    expect(res.body.body.lineas.length).toBeGreaterThan(0);
    expect(res.text).not.toContain(API_KEY);
    expect(h.erp.received('invoices').length).toBe(before);
    // A mapping can be tried before it is saved; a broken one is a 422 with its place.
    const tried = await h.call('POST', `/api/v1/connectors/${connector.id}/preview`, {
      document: { kind: 'cfdi', id: uuids[0] },
      push: { ...mapping, body: { folio: '{{folio | upper}}', nota: 'Factura {{number}}' } },
    });
    expect(tried.body.body).toEqual({
      folio: tried.body.source.folio?.toUpperCase() ?? null,
      nota: `Factura ${tried.body.source.number ?? ''}`,
    });
    const broken = await h.call('POST', `/api/v1/connectors/${connector.id}/preview`, {
      document: { kind: 'cfdi', id: uuids[0] },
      push: { ...mapping, body: { total: '{{total | round}}' } },
    });
    expect(broken.status).toBe(422);
    expect(broken.body.code).toBe('CONNECTOR_TEMPLATE_INVALID');
    // The broken rule travels as a code with the value at fault, for the web to say in Spanish.
    expect(broken.body.params).toMatchObject({ rule: 'unknown_filter', value: 'round' });
    const missing = await h.call('POST', `/api/v1/connectors/${connector.id}/preview`, {
      document: { kind: 'cfdi', id: '00000000-0000-0000-0000-000000000000' },
    });
    expect(missing.body.code).toBe('CONNECTOR_DOCUMENT_NOT_FOUND');
  });

  it('exports every pending document once, with an Idempotency-Key, and records the ERP id', async () => {
    const run = await runPush();
    expect(run).toMatchObject({ status: 'success', kind: 'push', trigger: 'manual' });
    expect(run.counts).toEqual({ exported: STAMPED.length, failed: 0, skipped: 0 });
    const received = h.erp.received('invoices');
    expect(received).toHaveLength(STAMPED.length);
    expect(new Set(received.map((r) => r.idempotency_key)).size).toBe(STAMPED.length);
    expect(received.map((r) => (r.document as { uuid: string }).uuid.toLowerCase()).sort()).toEqual(
      [...uuids].sort(),
    );

    const exports = await h.call(
      'GET',
      `/api/v1/connectors/${connector.id}/exports`,
      undefined,
      h.keys.member,
    );
    expect(exports.body.items).toHaveLength(STAMPED.length);
    for (const e of exports.body.items)
      expect(e).toMatchObject({ status: 'exported', externalId: expect.stringMatching(/^INV-\d{6}$/) });
    // Where each went, for the explorer's "Exportado a…".
    const where = await h.call(
      'GET',
      `/api/v1/connectors/exports?kind=cfdi&ids=${uuids.join(',')}`,
      undefined,
      h.keys.viewer,
    );
    expect(where.body.items).toHaveLength(STAMPED.length);
    expect(where.body.items[0]).toMatchObject({ connectorName: 'ERP Contabilidad', status: 'exported' });

    const exported = await h.events('connectors.document.exported');
    expect(exported).toHaveLength(STAMPED.length);
    expect(exported[0]).toMatchObject({
      connectorName: 'ERP Contabilidad',
      externalId: expect.stringMatching(/^INV-/),
    });
    expect(await h.events('connectors.export.completed')).toContainEqual(
      expect.objectContaining({ runId: run.id, status: 'success', counts: run.counts }),
    );
    const stats = await h.call('GET', `/api/v1/connectors/${connector.id}/stats`, undefined, h.keys.member);
    expect(stats.body).toMatchObject({ exported: STAMPED.length, failed: 0, pending: 0 });
  });

  it('never exports a document twice unless forced; a forced export is new to the ERP', async () => {
    const again = await runPush();
    expect(again.counts).toEqual({ exported: 0, failed: 0, skipped: 0 });
    const one = { kind: 'cfdi', id: uuids[1] };
    const named = await runPush({ documents: [one] });
    expect(named.counts).toEqual({ exported: 0, failed: 0, skipped: 1 });
    expect(h.erp.received('invoices')).toHaveLength(STAMPED.length);

    const before = (await h.call('GET', `/api/v1/connectors/exports?kind=cfdi&ids=${uuids[1]}`)).body
      .items[0];
    const forced = await runPush({ documents: [one], force: true });
    expect(forced.counts).toEqual({ exported: 1, failed: 0, skipped: 0 });
    const received = h.erp.received('invoices');
    expect(received).toHaveLength(STAMPED.length + 1);
    const keys = received
      .filter((r) => (r.document as { uuid: string }).uuid.toLowerCase() === uuids[1])
      .map((r) => r.idempotency_key);
    expect(new Set(keys).size).toBe(2);
    const after = (await h.call('GET', `/api/v1/connectors/exports?kind=cfdi&ids=${uuids[1]}`)).body.items[0];
    expect(after.externalId).not.toBe(before.externalId);
  });

  it('retries a timed-out push with the same key: the ERP stored it once and replays its id', async () => {
    // The ERP stores the document, then never answers: the connector times out (800 ms) and retries.
    h.erp.addFault({ operation: 'push', kind: 'hang', when: 'after', count: 1 });
    const before = h.erp.received('invoices').length;
    const run = await runPush({ documents: [{ kind: 'cfdi', id: uuids[2] }], force: true });
    expect(run).toMatchObject({ status: 'success', counts: { exported: 1, failed: 0, skipped: 0 } });
    expect(h.erp.received('invoices')).toHaveLength(before + 1);
    const stored = h.erp.received('invoices').at(-1)!;
    const log = await h.call('GET', `/api/v1/connectors/${connector.id}/export-log?runId=${run.id}`);
    const attempts = [...log.body.items].reverse();
    expect(attempts.map((a: { outcome: string }) => a.outcome)).toEqual(['retrying', 'replayed']);
    expect(attempts[0].error).toMatch(/a tiempo/);
    expect(new Set(attempts.map((a: { idempotencyKey: string }) => a.idempotencyKey))).toEqual(
      new Set([stored.idempotency_key]),
    );
    const exp = (await h.call('GET', `/api/v1/connectors/exports?kind=cfdi&ids=${uuids[2]}`)).body.items[0];
    expect(exp.externalId).toBe(stored.id);
    expect(log.text).not.toContain(API_KEY);
  });

  it('records a rejected document and goes on with the rest: a partial run', async () => {
    h.erp.addFault({ operation: 'push', kind: 'error', status: 422, count: 1 });
    const docs = uuids.slice(3, 6).map((id) => ({ kind: 'cfdi', id }));
    const run = await runPush({ documents: docs, force: true });
    expect(run.status).toBe('partial');
    expect(run.counts).toEqual({ exported: 2, failed: 1, skipped: 0 });
    const failed = await h.call('GET', `/api/v1/connectors/${connector.id}/exports?status=failed`);
    expect(failed.body.items).toHaveLength(1);
    expect(failed.body.items[0].lastError).toMatch(/422/);
    const completed = await h.events('connectors.export.completed');
    expect(completed.at(-1)).toMatchObject({ runId: run.id, status: 'partial' });
  });

  it('stops when the ERP is down, queues the run again, and finishes once it is back', async () => {
    h.erp.addFault({ operation: 'push', kind: 'error', status: 503, count: 1000 });
    const queued = await push({ documents: uuids.map((id) => ({ kind: 'cfdi', id })), force: true });
    const connectorId = connector.id;
    const waiting = await (async () => {
      for (let i = 0; i < 200; i++) {
        const run = (await h.call('GET', `/api/v1/connectors/${connectorId}/runs/${queued.body.runId}`)).body;
        if (run.status === 'queued' && run.attempt === 1) return run;
        await new Promise((r) => setTimeout(r, 50));
      }
      throw new Error('the run was not queued again');
    })();
    expect(waiting.error).toMatch(/Se detuvo: .*503.*Se reintentará/);
    // It stopped once 3 documents in a row failed at the ERP (3 in flight at once), not after all 6.
    expect(waiting.counts.failed).toBeGreaterThanOrEqual(3);
    expect(waiting.counts.failed).toBeLessThan(uuids.length);
    h.erp.clearFaults();
    const run = await h.finished(connectorId, queued.body.runId);
    expect(run).toMatchObject({
      status: 'success',
      attempt: 2,
      counts: { exported: uuids.length, failed: 0 },
    });
  });

  it('guards every route by role and organization, and never shows the credentials', async () => {
    const path = `/api/v1/connectors/${connector.id}`;
    const valid = { name: 'x', direction: 'push', baseUrl: h.erp.url, auth: { type: 'none' }, push: mapping };
    expect((await h.call('POST', '/api/v1/connectors', valid, h.keys.member)).status).toBe(403);
    expect((await h.call('PATCH', path, { name: 'x' }, h.keys.member)).status).toBe(403);
    expect((await h.call('POST', `${path}/test`, undefined, h.keys.member)).status).toBe(403);
    expect((await h.call('POST', `${path}/push`, {}, h.keys.viewer)).status).toBe(403);
    expect((await h.call('GET', path, undefined, h.keys.viewer)).status).toBe(403);
    for (const [method, url, body] of [
      ['GET', path],
      ['PATCH', path, { name: 'ajeno' }],
      ['DELETE', path],
      ['POST', `${path}/push`, {}],
      ['POST', `${path}/test`],
      ['GET', `${path}/runs`],
      ['GET', `${path}/exports`],
      ['GET', `${path}/export-log`],
      ['GET', `${path}/stats`],
      ['POST', `${path}/preview`, { document: { kind: 'cfdi', id: uuids[0] } }],
    ] as const) {
      const res = await h.call(method, url, body, h.keys.otherAdmin);
      expect(res.status, `${method} ${url}`).toBe(404);
      expect(res.body.code).toBe('CONNECTOR_NOT_FOUND');
    }
    const other = await h.call('GET', '/api/v1/connectors', undefined, h.keys.otherAdmin);
    expect(other.body.items).toEqual([]);
    const mine = await h.call('GET', '/api/v1/connectors', undefined, h.keys.member);
    expect(mine.body.items.length).toBeGreaterThanOrEqual(2);
    expect(mine.text).not.toContain(API_KEY);
    expect(mine.body.items[0].auth).toMatchObject({ type: 'api_key', header: 'X-Api-Key', hasSecret: true });
    const [row] = await h.sql<{ auth_secret: Buffer }>('SELECT auth_secret FROM connectors WHERE id = $1', [
      connector.id,
    ]);
    expect(row!.auth_secret.toString('latin1')).not.toContain(API_KEY);
  });

  it('refuses bad settings with a clear code and writes nothing', async () => {
    const count = async () => (await h.sql<{ n: number }>('SELECT count(*)::int AS n FROM connectors'))[0]!.n;
    const before = await count();
    const base = {
      name: 'Malo',
      direction: 'push',
      baseUrl: h.erp.url,
      auth: { type: 'none' },
      push: mapping,
    };
    const cases: [unknown, string][] = [
      [{ ...base, baseUrl: 'ftp://erp.example.com' }, 'CONNECTOR_URL_INVALID'],
      [{ ...base, baseUrl: 'http://10.1.2.3/api' }, 'CONNECTOR_URL_BLOCKED'],
      [{ ...base, auth: { type: 'bearer' } }, 'CONNECTOR_SECRET_REQUIRED'],
      [{ ...base, push: { ...mapping, body: { a: '{{uuid' } } }, 'CONNECTOR_TEMPLATE_INVALID'],
      [{ ...base, schedule: { cron: '61 * * * *' } }, 'CONNECTOR_SCHEDULE_INVALID'],
      [{ ...base, push: null }, 'VALIDATION_FAILED'],
      [{ ...base, direction: 'sideways' }, 'VALIDATION_FAILED'],
    ];
    for (const [body, code] of cases) {
      const res = await h.call('POST', '/api/v1/connectors', body);
      expect(res.status, code).toBeGreaterThanOrEqual(400);
      expect(res.status, code).toBeLessThan(500);
      expect(res.body.code).toBe(code);
    }
    expect(await count()).toBe(before);
    const pullOnly = await h.createConnector({
      name: 'Solo importa',
      direction: 'pull',
      baseUrl: h.erp.url,
      auth: { type: 'none' },
      pull: { resources: [{ name: 'customers', path: '/api/customers' }] },
    });
    const res = await h.call('POST', `/api/v1/connectors/${pullOnly.id}/push`, {}, h.keys.member);
    expect(res.body.code).toBe('CONNECTOR_DIRECTION_MISMATCH');
    await h.call('PATCH', `/api/v1/connectors/${pullOnly.id}`, { enabled: false });
    expect(
      (await h.call('POST', `/api/v1/connectors/${pullOnly.id}/pull`, {}, h.keys.member)).body.code,
    ).toBe('CONNECTOR_DISABLED');
  });
});

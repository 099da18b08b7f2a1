import { type RunningFacturifySimulator, startFacturifySimulator } from '@boveda/facturify-simulator';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { registerTestEfirma } from '../../../test/support/test-efirma.js';
import { startTestServer, type TestServer } from '../../../test/support/test-server.js';
import { seedTwoOrganizations } from '../../../test/support/two-organizations.js';
import { registerWorkers } from '../../app/workers.js';

const CREDS = { apiKey: 'stamping-test-key', apiSecret: 'stamping-test-secret' };

const invoice = (over: Record<string, unknown> = {}) => ({
  issuerRfc: 'EKU9003173C9',
  formaPago: '03',
  receptor: {
    rfc: 'XIA190128J61',
    nombre: 'XENON INDUSTRIAL ARTICLES',
    regimenFiscal: '601',
    codigoPostal: '76343',
    usoCfdi: 'G03',
  },
  conceptos: [
    {
      claveProdServ: '84111506',
      claveUnidad: 'E48',
      cantidad: '2',
      descripcion: 'Honorarios contables de noviembre',
      valorUnitario: '1250.50',
      traslados: [{ impuesto: '002', tasa: '0.160000' }],
    },
  ],
  ...over,
});

async function waitFor<T>(fn: () => Promise<T | null | undefined | false>, ms = 20_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Issuing and cancelling CFDI through the Facturify simulator, end to end on the real app. */
describe('PAC invoices: stamping and cancelling', () => {
  let sim: RunningFacturifySimulator;
  let server: TestServer;
  let h: Awaited<ReturnType<typeof seedTwoOrganizations>>;
  beforeAll(async () => {
    sim = await startFacturifySimulator({ ...CREDS, cancellation: 'pending' });
    server = await startTestServer({
      env: {
        FACTURIFY_BASE_URL: sim.url,
        FACTURIFY_API_KEY: CREDS.apiKey,
        FACTURIFY_API_SECRET: CREDS.apiSecret,
        FACTURIFY_TIMEOUT: '1',
        FACTURIFY_RETRY_BASE_MS: '10',
        PAC_STAMP_RETRY_SCHEDULE: '1,1',
        PAC_STATUS_CHECK_SCHEDULE: '1,1,1,1,1,1',
      },
    });
    await registerWorkers(server.ctx);
    h = await seedTwoOrganizations(server);
    expect(await registerTestEfirma(server.url, h.keys.admin)).toBe(201);
  });
  beforeEach(() => sim.clearFaults());
  afterAll(async () => {
    await server?.close();
    await sim?.close();
  });

  const settled = (id: string) =>
    waitFor(async () => {
      const r = await h.call('GET', `/api/v1/pac/invoices/${id}`, undefined, h.keys.viewer);
      return r.body.status === 'stamped' || r.body.status === 'failed' ? r.body : null;
    });

  it('stamps an invoice in a job, keeps its XML and PDF, and files it in the vault as issued', async () => {
    const created = await h.call('POST', '/api/v1/pac/invoices', invoice(), h.keys.member);
    expect(created.status).toBe(202);
    expect(created.body).toMatchObject({
      status: 'draft',
      subtotal: '2501.00',
      trasladados: '400.16',
      total: '2901.16',
    });
    const done = await settled(created.body.id);
    expect(done).toMatchObject({ status: 'stamped', error: null, attempts: 1 });
    expect(done.uuid).toMatch(/^[0-9A-F-]{36}$/);
    const xml = await fetch(`${server.url}/api/v1/pac/invoices/${done.id}/xml`, {
      headers: { authorization: `Bearer ${h.keys.viewer}` },
    });
    expect(await xml.text()).toContain(done.uuid);
    const pdf = await fetch(`${server.url}/api/v1/pac/invoices/${done.id}/pdf`, {
      headers: { authorization: `Bearer ${h.keys.viewer}` },
    });
    expect((await pdf.arrayBuffer()).byteLength).toBeGreaterThan(100);
    const vault = await h.call('GET', `/api/v1/cfdi/${done.uuid}`, undefined, h.keys.viewer);
    expect(vault.status).toBe(200);
    expect(vault.body).toMatchObject({
      emisorRfc: 'EKU9003173C9',
      receptorRfc: 'XIA190128J61',
      total: '2901.16',
    });
    expect(sim.calls()['factura.create']).toBe(1);
    // Another organization sees none of it.
    expect(
      (await h.call('GET', `/api/v1/pac/invoices/${done.id}`, undefined, h.keys.otherAdmin)).status,
    ).toBe(404);
    expect((await h.call('GET', '/api/v1/pac/invoices', undefined, h.keys.otherAdmin)).body.items).toEqual(
      [],
    );
  });

  it('never stamps twice: after a lost answer the next try finds the invoice at the PAC', async () => {
    const before = sim.calls()['factura.create'];
    // The PAC stamps, then the answer never comes: our 1 s timeout, then a retry that looks first.
    sim.addFault({ operation: 'factura.create', kind: 'hang', when: 'after', count: 1 });
    const created = await h.call('POST', '/api/v1/pac/invoices', invoice(), h.keys.member);
    const done = await settled(created.body.id);
    expect(done, JSON.stringify({ error: done.error, pac: sim.invoices().at(-1) })).toMatchObject({
      status: 'stamped',
      attempts: 1,
    });
    expect(sim.calls()['factura.create']).toBe(before + 1);
    expect(sim.invoices().filter((i) => i.cfdi_uuid === done.uuid)).toHaveLength(1);
  });

  it('shows the SAT’s refusal, answered with 2xx and success false, and does not retry it', async () => {
    sim.addFault({ operation: 'factura.create', kind: 'stamp_error', count: 1 });
    const created = await h.call('POST', '/api/v1/pac/invoices', invoice(), h.keys.member);
    const done = await settled(created.body.id);
    expect(done.status).toBe('failed');
    expect(done.error.code).toBe('CFDI40147');
    expect(done.error.message).toMatch(/SAT/);
    expect(done.attempts).toBe(1);
    // Retried on request (the fault is gone): stamped.
    const retried = await h.call('POST', `/api/v1/pac/invoices/${done.id}/retry`, undefined, h.keys.member);
    expect(retried.status).toBe(202);
    expect((await settled(done.id)).status).toBe('stamped');
  });

  it('follows an asynchronous stamp (code 70) until the PAC has it', async () => {
    sim.addFault({ operation: 'factura.create', kind: 'async', count: 1 });
    const created = await h.call('POST', '/api/v1/pac/invoices', invoice(), h.keys.member);
    await waitFor(async () => sim.invoices().some((i) => !i.cfdi_uuid && i.job_id));
    await sim.completeJobs();
    expect((await settled(created.body.id)).status).toBe('stamped');
  });

  it('checks before sending, with reasons a contador reads', async () => {
    const bad = await h.call(
      'POST',
      '/api/v1/pac/invoices',
      invoice({
        metodoPago: 'PPD',
        receptor: { ...invoice().receptor, nombre: 'XENON INDUSTRIAL ARTICLES S.A. DE C.V.' },
      }),
      h.keys.member,
    );
    expect(bad.status).toBe(422);
    expect(bad.body.code).toBe('PAC_INVOICE_INVALID');
    expect(bad.body.errors.map((e: { path: string }) => e.path)).toEqual(['formaPago', 'receptor.nombre']);
    const issuer = await h.call(
      'POST',
      '/api/v1/pac/invoices',
      invoice({ issuerRfc: 'XIA190128J61' }),
      h.keys.member,
    );
    expect(issuer.body.code).toBe('PAC_ISSUER_UNKNOWN');
    expect((await h.call('POST', '/api/v1/pac/invoices', invoice(), h.keys.viewer)).status).toBe(403);
  });

  it('cancels with motive 02: pending until the receptor answers, then accepted', async () => {
    const created = await h.call('POST', '/api/v1/pac/invoices', invoice(), h.keys.member);
    const done = await settled(created.body.id);
    expect(
      (await h.call('POST', `/api/v1/pac/invoices/${done.id}/cancel`, { motivo: '02' }, h.keys.member))
        .status,
    ).toBe(403);
    const noSubstitute = await h.call(
      'POST',
      `/api/v1/pac/invoices/${done.id}/cancel`,
      { motivo: '01' },
      h.keys.admin,
    );
    expect(noSubstitute.body.code).toBe('PAC_INVOICE_NOT_CANCELLABLE');
    const asked = await h.call(
      'POST',
      `/api/v1/pac/invoices/${done.id}/cancel`,
      { motivo: '02' },
      h.keys.admin,
    );
    expect(asked.status).toBe(202);
    expect(asked.body.cancellation).toMatchObject({ status: 'requested', motivo: '02' });
    const pending = await waitFor(async () => {
      const r = (await h.call('GET', `/api/v1/pac/invoices/${done.id}`)).body;
      return r.cancellation.status === 'pending' ? r : null;
    });
    expect(pending.cancellation.requestedAt).toBeTruthy();
    await sim.resolveCancellation(done.uuid, 'accepted');
    const accepted = await waitFor(async () => {
      const r = (await h.call('GET', `/api/v1/pac/invoices/${done.id}`)).body;
      return r.cancellation.status === 'accepted' ? r : null;
    });
    expect(accepted.cancellation.resolvedAt).toBeTruthy();
    const again = await h.call(
      'POST',
      `/api/v1/pac/invoices/${done.id}/cancel`,
      { motivo: '02' },
      h.keys.admin,
    );
    expect(again.body.code).toBe('PAC_INVOICE_NOT_CANCELLABLE');
  });

  it('accepts the PAC’s callback only on its unguessable URL', async () => {
    const wrong = await fetch(`${server.url}/api/v1/pac/facturify/callback/${h.tenantA}/${'0'.repeat(64)}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ module: 'invoice', action: 'STAMP', status: 'TIMBRADO', data: { job_id: 'x' } }),
    });
    expect(wrong.status).toBe(404);
    const token = await server.ctx.services.pacInvoices.callbackToken(h.tenantA);
    const right = await fetch(`${server.url}/api/v1/pac/facturify/callback/${h.tenantA}/${token}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        module: 'invoice',
        action: 'STAMP',
        status: 'TIMBRADO',
        data: { job_id: 'unknown' },
      }),
    });
    expect(right.status).toBe(200);
    const otherTenant = await fetch(`${server.url}/api/v1/pac/facturify/callback/${h.tenantB}/${token}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    expect(otherTenant.status).toBe(404);
  });

  it('issues a credit note (egreso) related to a stamped invoice with relation 01', async () => {
    const original = await settled(
      (await h.call('POST', '/api/v1/pac/invoices', invoice(), h.keys.member)).body.id,
    );
    const note = await h.call(
      'POST',
      '/api/v1/pac/invoices',
      invoice({
        tipo: 'E',
        formaPago: '03',
        relacionados: { tipoRelacion: '01', uuids: [original.uuid] },
        conceptos: [
          {
            claveProdServ: '84111506',
            claveUnidad: 'ACT',
            cantidad: '1',
            descripcion: 'Descuento por pronto pago',
            valorUnitario: '100.00',
            traslados: [{ impuesto: '002', tasa: '0.160000' }],
          },
        ],
      }),
      h.keys.member,
    );
    expect(note.status).toBe(202);
    const done = await settled(note.body.id);
    expect(done).toMatchObject({ status: 'stamped', tipo: 'E', total: '116.00' });
    expect(done.relacionados).toEqual({ tipoRelacion: '01', uuids: [original.uuid] });
    // The stamped XML relates the original invoice.
    const xml = await fetch(`${server.url}/api/v1/pac/invoices/${done.id}/xml`, {
      headers: { authorization: `Bearer ${h.keys.viewer}` },
    }).then((r) => r.text());
    expect(xml).toMatch(/TipoRelacion="01"/);
    expect(xml.toUpperCase()).toContain(original.uuid);
    // Without its related invoice it is refused before any call.
    const bare = await h.call('POST', '/api/v1/pac/invoices', invoice({ tipo: 'E' }), h.keys.member);
    expect(bare.body.code).toBe('PAC_INVOICE_INVALID');
    expect(bare.body.errors.map((e: { path: string }) => e.path)).toContain('relacionados');
  });

  it("reads the PAC's 422 field errors into the reason a person sees", async () => {
    // The PAC refuses a serie it does not know (its error code 34, as observed).
    const created = await h.call('POST', '/api/v1/pac/invoices', invoice({ serie: 'ZZ' }), h.keys.member);
    const done = await settled(created.body.id);
    expect(done.status).toBe('failed');
    expect(done.error.code).toBe('33');
    expect(done.error.message).toMatch(/factura\.serie: La serie que envió, no existe/);
    expect(done.attempts).toBe(1);
  });
});

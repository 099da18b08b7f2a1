import { randomUUID } from 'node:crypto';
import type { CfdiDetail } from '@boveda/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../../test/support/test-server.js';
import { seedTwoOrganizations } from '../../../test/support/two-organizations.js';
import { readFixture } from './parsing/testing/fixtures.js';

/**
 * `GET /api/v1/cfdi/{uuid}` of complex CFDI stored the way ingestion stores them: a payment's Pagos
 * with the documents it settles (and which of them are in the vault), a nómina's lines and net, the
 * cancellation date from the SAT metadata, and which of the organization's taxpayers it belongs to.
 */
describe('CFDI detail: pagos, nómina, cancellation, taxpayer', () => {
  let server: TestServer;
  let org: Awaited<ReturnType<typeof seedTwoOrganizations>>;
  const PAGO20 = '5b64ada3-aa4c-40b4-a2f5-572ced52be31';
  const PAID = '6d7434a6-e3f2-47ad-9e4c-08849946afa0'; // the ingreso the pago 2.0 settles
  const PAGO10 = '9fb6ed1a-5f37-4fef-980a-7f8c83b51894';
  const NOMINA = '11111111-1111-1111-1111-111111111111';

  async function register(tenantId: string, fixture: string) {
    const xml = readFixture(`cfdi/${fixture}`);
    const objectKey = `tenants/${tenantId}/bandeja/${randomUUID()}.xml`;
    await server.ctx.storage.put(objectKey, xml);
    return server.ctx.services.cfdiIngestion.registerDocument({ tenantId, xml, objectKey });
  }
  async function taxpayer(tenantId: string, rfc: string) {
    await server.ctx.database.pool.query(
      `INSERT INTO taxpayers (id, tenant_id, rfc, legal_name, certificate_serial, certificate_sha256, valid_from, valid_until)
       VALUES ($1, $2, $3, 'Contribuyente de prueba', '30001000000500003415', 'x', now(), now() + interval '1 year')`,
      [randomUUID(), tenantId, rfc],
    );
  }
  const detail = async (uuid: string, key?: string) => {
    const { status, body } = await org.call('GET', `/api/v1/cfdi/${uuid}`, undefined, key);
    return { status, body: body as CfdiDetail };
  };

  beforeAll(async () => {
    server = await startTestServer();
    org = await seedTwoOrganizations(server);
    const a = org.tenantA;
    // The SAT's metadata said the pago was cancelled before its XML arrived.
    await server.ctx.database.pool.query(
      `INSERT INTO cfdi_metadata (tenant_id, uuid, emisor_rfc, receptor_rfc, status, cancelled_at)
       VALUES ($1, $2, 'H&E951128469', 'KIJ0906199R1', 'cancelado', '2020-02-03T09:15:00')`,
      [a, PAGO20],
    );
    await taxpayer(a, 'KIJ0906199R1'); // receives the pago 2.0
    await taxpayer(a, 'AAA010101AAA'); // issues the nómina and the pago 1.0
    await register(a, 'satcfdi-stamped-pago20-HandE951128469.xml');
    await register(a, 'satcfdi-stamped-ingreso-iva16-XIQB891116QE4.xml');
    await register(a, 'nodecfdi-cfdi33-payment-pagos10-valid.xml');
    await register(a, 'nodecfdi-cfdi40-nomina-complex-valid.xml');
    // B holds the same pago but not the document it pays.
    await register(org.tenantB, 'satcfdi-stamped-pago20-HandE951128469.xml');
  });
  afterAll(() => server?.close());

  it('a pago 2.0: each Pago with the documents it settles, which are linked when in the vault', async () => {
    const { status, body } = await detail(PAGO20.toUpperCase());
    expect(status).toBe(200);
    expect(body).toMatchObject({ tipo: 'P', moneda: 'XXX', total: '0.00' });
    expect(body.payments).toEqual([
      {
        version: '2.0',
        fechaPago: '2020-01-02T22:40:38',
        formaPago: '03',
        moneda: 'MXN',
        tipoCambio: null,
        monto: '17852.75',
        documents: [
          {
            uuid: PAID,
            serie: 'A',
            folio: '123456',
            moneda: 'MXN',
            equivalencia: null,
            numParcialidad: '1',
            saldoAnterior: '17852.75',
            importePagado: '17852.75',
            saldoInsoluto: '0.00',
            inVault: true,
          },
        ],
      },
    ]);
    expect(body.nomina).toBeNull();
    // Cancelled according to the metadata, with its date; received by one of the org's taxpayers.
    expect(body).toMatchObject({ status: 'cancelado', cancelledAt: '2020-02-03T09:15:00' });
    expect(body.taxpayer).toEqual({ rfc: 'KIJ0906199R1', direction: 'received' });
    expect(body).toMatchObject({ receptorUsoCfdi: 'CP01', emisorRegimen: '606', receptorRegimen: '601' });
  });

  it('the list shows what a payment received, not its 0 XXX', async () => {
    const { body } = await org.call('GET', `/api/v1/cfdi?q=${PAGO20}`);
    const [item] = (body as { items: CfdiDetail[] }).items;
    expect(item).toMatchObject({ total: '0.00', moneda: 'XXX', paid: { total: '17852.75', moneda: 'MXN' } });
    const { body: invoices } = await org.call('GET', `/api/v1/cfdi?q=${PAID}`);
    expect((invoices as { items: CfdiDetail[] }).items[0]?.paid).toBeNull();
  });

  it("another organization's vault never shows through: the same pago there links nothing", async () => {
    const { status, body } = await detail(PAGO20, org.keys.otherAdmin);
    expect(status).toBe(200);
    expect(body.payments[0]?.documents[0]).toMatchObject({ uuid: PAID, inVault: false });
    expect(body.taxpayer).toBeNull();
    expect(body.status).toBe('unknown');
    expect(body.cancelledAt).toBeNull();
    // A's nómina is not B's.
    expect((await detail(NOMINA, org.keys.otherAdmin)).status).toBe(404);
  });

  it('a pago 1.0 (CFDI 3.3): TipoCambioDR as the equivalence, a paid document not in the vault', async () => {
    const { body } = await detail(PAGO10);
    expect(body.payments).toHaveLength(1);
    expect(body.payments[0]).toMatchObject({ version: '1.0', formaPago: expect.any(String) });
    expect(body.payments[0]?.documents).toEqual([
      {
        uuid: '1a3cd882-eb73-484a-6971-1c2d29c9f264',
        serie: 'A',
        folio: '1847',
        moneda: 'USD',
        equivalencia: '0.050522',
        numParcialidad: '1',
        saldoAnterior: '4000.00',
        importePagado: '4000.00',
        saldoInsoluto: '0.00',
        inVault: false,
      },
    ]);
    expect(body.taxpayer).toEqual({ rfc: 'AAA010101AAA', direction: 'issued' });
  });

  it('a nómina: perceptions, deductions and other payments line by line, and the net', async () => {
    const { body } = await detail(NOMINA);
    const n = body.nomina!;
    expect(n).toMatchObject({
      version: '1.2',
      tipoNomina: 'O',
      periodicidadPago: '10',
      fechaPago: '2025-07-10',
      fechaInicialPago: '2025-07-01',
      fechaFinalPago: '2025-07-10',
      totalPercepciones: '3871.74',
      totalDeducciones: '1838.57',
      totalOtrosPagos: '0.83',
      // percepciones + otros pagos − deducciones = the CFDI's Total
      neto: '2034.00',
    });
    expect(n.neto).toBe(body.total);
    expect(n.percepciones).toHaveLength(3);
    expect(n.percepciones[1]).toEqual({
      tipo: '029',
      clave: '032',
      concepto: 'Despensa',
      importe: '1000.00',
      importeGravado: '0.00',
      importeExento: '1000.00',
    });
    expect(n.deducciones).toHaveLength(8);
    expect(n.deducciones[4]).toEqual({
      tipo: '002',
      clave: '045',
      concepto: 'I.S.R. mes',
      importe: '42.79',
      importeGravado: null,
      importeExento: null,
    });
    expect(n.otrosPagos.map((o) => [o.tipo, o.importe])).toEqual([
      ['999', '0.83'],
      ['002', '0.00'],
    ]);
    expect(body.payments).toEqual([]);
    expect(body.taxpayer).toEqual({ rfc: 'AAA010101AAA', direction: 'issued' });
  });

  it('an ordinary ingreso has neither; its receptor is the taxpayer', async () => {
    const { body } = await detail(PAID);
    expect(body).toMatchObject({ payments: [], nomina: null, cancelledAt: null, status: 'unknown' });
    expect(body.taxpayer).toEqual({ rfc: 'KIJ0906199R1', direction: 'received' });
  });
});

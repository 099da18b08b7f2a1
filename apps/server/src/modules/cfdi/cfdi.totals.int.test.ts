import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../../test/support/test-server.js';
import { seedDocuments } from './cfdi.search.test-support.js';

const ME = 'MEMO800101AB1';

describe('a search’s count and sums (GET /api/v1/cfdi/totals)', () => {
  let server: TestServer;
  let get: (query: string, key?: string) => Promise<{ status: number; body: Record<string, unknown> }>;
  let otherKey: string;

  beforeAll(async () => {
    server = await startTestServer();
    const a = await server.seedUser({
      tenantName: 'A',
      email: 'a@a.mx',
      password: 'pw-a-123456',
      role: 'owner',
    });
    const b = await server.seedUser({
      tenantName: 'B',
      email: 'b@b.mx',
      password: 'pw-b-123456',
      role: 'owner',
    });
    const key = (await server.createApiKey(a.tenantSlug, 'viewer')).key;
    otherKey = (await server.createApiKey(b.tenantSlug, 'viewer')).key;
    get = async (query, k = key) => {
      const res = await fetch(`${server.url}/api/v1/cfdi/totals?${query}`, {
        headers: { authorization: `Bearer ${k}` },
      });
      return { status: res.status, body: (await res.json()) as Record<string, unknown> };
    };
    const issued = { emisorRfc: ME, receptorRfc: 'PEGJ800101AA1', issuedAt: '2025-03-10T10:00:00' };
    await seedDocuments(server.ctx.database.pool, a.tenantId, [
      { ...issued, subtotal: '1000.00', trasladosIva: '160.00', total: '1160.00' },
      { ...issued, subtotal: '500.00', trasladosIva: '80.00', retencionesIva: '53.33', total: '526.67' },
      // In dollars: counted at its exchange rate.
      {
        ...issued,
        moneda: 'USD',
        tipoCambio: '17.5',
        subtotal: '100.00',
        trasladosIva: '16.00',
        total: '116.00',
      },
      // A credit note nets against income.
      { ...issued, tipo: 'E', subtotal: '200.00', trasladosIva: '32.00', total: '232.00' },
      // A payment counts, and adds nothing to the net.
      { ...issued, tipo: 'P', subtotal: '0', total: '0' },
      // Cancelled: counted apart, adds nothing.
      { ...issued, status: 'cancelado', subtotal: '9000.00', trasladosIva: '1440.00', total: '10440.00' },
      // Outside the searched month.
      { ...issued, issuedAt: '2025-04-01T00:00:00', subtotal: '7.00', total: '7.00' },
    ]);
    await seedDocuments(server.ctx.database.pool, b.tenantId, [
      { ...issued, subtotal: '1.00', total: '1.00' },
    ]);
  });
  afterAll(() => server?.close());

  it('counts and sums in MXN by tipo, netting credit notes, leaving cancelled ones apart', async () => {
    const res = await get(`rfc=${ME}&direction=issued&from=2025-03-01&to=2025-03-31`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      count: 5,
      cancelled: 1,
      byTipo: [
        {
          tipo: 'E',
          count: 1,
          subtotal: '200.00',
          descuento: '0.00',
          ivaTrasladado: '32.00',
          ivaRetenido: '0.00',
          total: '232.00',
        },
        {
          tipo: 'I',
          count: 3,
          subtotal: '3250.00',
          descuento: '0.00',
          ivaTrasladado: '520.00',
          ivaRetenido: '53.33',
          total: '3716.67',
        },
        {
          tipo: 'P',
          count: 1,
          subtotal: '0.00',
          descuento: '0.00',
          ivaTrasladado: '0.00',
          ivaRetenido: '0.00',
          total: '0.00',
        },
      ],
      // I − E: 3250 − 200; (520 − 53.33) − 32; 3716.67 − 232.
      net: { subtotal: '3050.00', iva: '434.67', total: '3484.67' },
    });
  });

  it('follows the list’s filters and refuses bad ones like the list', async () => {
    expect((await get(`rfc=${ME}&tipo=E`)).body).toMatchObject({ count: 1, net: { total: '-232.00' } });
    expect((await get('q=nadie-se-llama-asi')).body).toMatchObject({ count: 0, cancelled: 0, byTipo: [] });
    expect((await get('from=2025-02-30')).status).toBe(400);
    expect((await get('minTotal=10&maxTotal=1')).status).toBe(400);
  });

  it('sees only its own organization', async () => {
    expect((await get(`rfc=${ME}`, otherKey)).body).toMatchObject({ count: 1, net: { total: '1.00' } });
  });
});

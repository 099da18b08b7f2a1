import { XMLParser } from 'fast-xml-parser';
import { afterEach, describe, expect, it } from 'vitest';
import { type RunningFacturifySimulator, startFacturifySimulator } from '../src/index.js';
import { call, EMISOR_UUID, invoice, login } from './support/client.js';

let sim: RunningFacturifySimulator;
afterEach(() => sim?.close());

const NOW = new Date('2026-03-02T16:00:00Z');
const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' });

async function stamp(token: string, body = invoice()) {
  const reply = await call(sim, '/api/v1/factura', { json: body, token });
  expect(reply.status).toBe(200);
  expect(reply.body.success).toBe(true);
  return reply.body.data;
}

describe('POST /api/v1/factura (synchronous stamping)', () => {
  it('stamps: {success, code "0", data: {created_at, cfdi_uuid, xml, pdf, serie, folio, factura, job_id}}', async () => {
    sim = await startFacturifySimulator({ now: NOW });
    const token = await login(sim);
    const reply = await call(sim, '/api/v1/factura', { json: invoice(), token });
    expect(reply.body).toMatchObject({ success: true, code: '0', message: expect.any(String) });
    const data = reply.body.data;
    expect(Object.keys(data).sort()).toEqual(
      ['cfdi_uuid', 'created_at', 'factura', 'folio', 'job_id', 'pdf', 'serie', 'xml'].sort(),
    );
    expect(data).toMatchObject({
      serie: 'A',
      folio: 1,
      factura: 'ingreso',
      created_at: '2026-03-02 10:00:00',
    });
    expect(data.cfdi_uuid).toMatch(/^[0-9A-F-]{36}$/);
    expect(Buffer.from(data.pdf, 'base64').subarray(0, 5).toString()).toBe('%PDF-');

    const cfdi = parser.parse(Buffer.from(data.xml, 'base64').toString('utf8'))['cfdi:Comprobante'];
    expect(cfdi).toMatchObject({
      Version: '4.0',
      Serie: 'A',
      Folio: '1',
      Fecha: '2026-03-02T10:00:00',
      SubTotal: '1100.00',
      Total: '1276.00',
      Moneda: 'MXN',
      TipoDeComprobante: 'I',
      Exportacion: '01',
      MetodoPago: 'PUE',
      FormaPago: '03',
      LugarExpedicion: '42501',
    });
    expect(cfdi['cfdi:Emisor']).toEqual({
      Rfc: 'EKU9003173C9',
      Nombre: 'ESCUELA KEMPER URGATE',
      RegimenFiscal: '601',
    });
    expect(cfdi['cfdi:Receptor']).toEqual({
      Rfc: 'XIA190128J61',
      Nombre: 'XENON INDUSTRIAL ARTICLES',
      DomicilioFiscalReceptor: '76343',
      RegimenFiscalReceptor: '601',
      UsoCFDI: 'G03',
    });
    const conceptos = cfdi['cfdi:Conceptos']['cfdi:Concepto'];
    expect(conceptos).toHaveLength(2);
    expect(conceptos[1]).toMatchObject({
      Cantidad: '3.00',
      ValorUnitario: '33.333',
      Importe: '100.00',
      Descripcion: 'Licencia <anual> & "soporte"',
    });
    expect(cfdi['cfdi:Impuestos']).toMatchObject({ TotalImpuestosTrasladados: '176.00' });
    expect(cfdi['cfdi:Impuestos']['cfdi:Traslados']['cfdi:Traslado']).toMatchObject({
      Base: '1100.00',
      Importe: '176.00',
      TasaOCuota: '0.160000',
    });
    const tfd = cfdi['cfdi:Complemento']['tfd:TimbreFiscalDigital'];
    expect(tfd).toMatchObject({ Version: '1.1', UUID: data.cfdi_uuid, FechaTimbrado: '2026-03-02T10:00:00' });

    // Folios count up per serie.
    expect((await stamp(token)).folio).toBe(2);
    expect((await stamp(token, invoice({ serie: 'F' }))).folio).toBe(1);
  });

  it('GET one (base64 xml/pdf), list (paginated), pdf and xml downloads (binary, or JSON when configured)', async () => {
    sim = await startFacturifySimulator();
    const token = await login(sim);
    const a = await stamp(token);
    await stamp(token);
    const one = await call(sim, `/api/v1/factura/${a.cfdi_uuid}`, { token });
    expect(one.body.code).toBe('0');
    expect(one.body.data).toMatchObject({
      cfdi_uuid: a.cfdi_uuid,
      status: 'valid',
      cancellation_status: 'none',
      total: '1276.00',
      subtotal: '1100.00',
      emisor: { uuid: EMISOR_UUID, rfc: 'EKU9003173C9' },
      receptor: { rfc: 'XIA190128J61' },
      xml: a.xml,
    });
    const list = await call(sim, '/api/v1/factura?page=2&limit=1&sort=ASC', { token });
    expect(list.body).toMatchObject({ current_page: 2, per_page: 1, total: 2, last_page: 2 });
    expect(list.body.data[0].xml).toBeUndefined();
    const pdf = await call(sim, `/api/v1/factura/${a.cfdi_uuid}/pdf`, { token });
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(pdf.bytes.subarray(0, 8).toString()).toBe('%PDF-1.4');
    expect(pdf.bytes.toString('latin1')).toContain(a.cfdi_uuid);
    const xml = await call(sim, `/api/v1/factura/${a.cfdi_uuid.toLowerCase()}/xml/`, { token });
    expect(xml.bytes.toString('utf8')).toBe(Buffer.from(a.xml, 'base64').toString('utf8'));
    expect((await call(sim, '/api/v1/factura/00000000-0000-4000-8000-000000000000', { token })).body).toEqual(
      {
        message: 'No se encontró la factura',
        code: '404',
      },
    );
    await sim.close();

    sim = await startFacturifySimulator({ downloadFormat: 'json' });
    const t2 = await login(sim);
    const b = await stamp(t2);
    const json = await call(sim, `/api/v1/factura/${b.cfdi_uuid}/pdf`, { token: t2 });
    expect(json.body).toEqual({ code: '0', message: 'OK', data: { cfdi_uuid: b.cfdi_uuid, pdf: b.pdf } });
  });

  it('422 with every broken rule: RFC, receptor fields, serie (code 34), catalogues, amounts in exact decimals', async () => {
    sim = await startFacturifySimulator();
    const token = await login(sim);
    const body = invoice({ serie: 'Z', total: 1276.01, metodo_de_pago: 'PPD' });
    body.receptor = { rfc: 'BAD-RFC', razon_social: 'X', uso_cfdi: 'P01' } as never;
    (body.factura.conceptos[0] as Record<string, unknown>).clave_producto_servicio = '841115';
    (body.factura.conceptos[1] as Record<string, unknown>).total = 99.99;
    const reply = await call(sim, '/api/v1/factura', { json: body, token });
    expect(reply.status).toBe(422);
    expect(reply.body.code).toBe(33);
    expect(reply.body.message).toBe('Los datos proporcionados no cumplen las reglas de validación');
    const byField = Object.fromEntries(
      reply.body.errors.map((e: { field: string; code: number }) => [e.field, e.code]),
    );
    expect(byField).toMatchObject({
      'receptor.rfc': 36,
      'receptor.codigo_postal': 35,
      'receptor.regimen_fiscal': 35,
      'receptor.uso_cfdi': 37,
      'factura.serie': 34,
      'factura.forma_de_pago': 40,
      'factura.conceptos.0.clave_producto_servicio': 36,
      'factura.conceptos.1.total': 38,
    });
    expect(reply.body.errors.find((e: { field: string }) => e.field === 'factura.serie').message).toBe(
      'La serie que envió, no existe.',
    );
    // 0.1 + 0.2 style sums are exact: three lines of 0.10 make a subtotal of exactly 0.30.
    const tiny = invoice({
      subtotal: 0.3,
      impuesto_federal: 0,
      total: 0.3,
      conceptos: [0, 1, 2].map(() => ({
        clave_producto_servicio: '84111506',
        clave_unidad_de_medida: 'ACT',
        cantidad: 1,
        descripcion: 'x',
        valor_unitario: 0.1,
        total: 0.1,
        objeto_imp: '01',
      })),
    });
    expect((await call(sim, '/api/v1/factura', { json: tiny, token })).body.success).toBe(true);
    expect((await call(sim, '/api/v1/factura', { json: invoice({ total: '1276.001' }), token })).status).toBe(
      422,
    );
  });

  it('público en general must carry the fixed values; a registered cliente can be the receptor', async () => {
    sim = await startFacturifySimulator();
    const token = await login(sim);
    const generic = invoice();
    generic.receptor = {
      rfc: 'XAXX010101000',
      razon_social: 'PUBLICO EN GENERAL',
      codigo_postal: '01000',
      regimen_fiscal: '616',
      uso_cfdi: 'G03',
    };
    const reply = await call(sim, '/api/v1/factura', { json: generic, token });
    expect(reply.body.errors.map((e: { field: string }) => e.field).sort()).toEqual([
      'receptor.codigo_postal',
      'receptor.uso_cfdi',
    ]);

    const created = await call(sim, '/api/v1/cliente', {
      token,
      form: {
        razon_social: 'XENON INDUSTRIAL ARTICLES',
        rfc: 'xia190128j61',
        email: 'pagos@xenon.example',
        uso_cfdi: 'G03',
        forma_de_pago: '03',
        regimen_fiscal: '601',
        codigo_postal: '76343',
      },
    });
    expect(created.status).toBe(200);
    expect(created.body).toMatchObject({
      code: 0,
      data: { rfc: 'XIA190128J61', empresa_uuid: EMISOR_UUID, activo: true, tarjeta_ultimos_4digitos: null },
    });
    const uuid = created.body.data.uuid;
    expect((await call(sim, `/api/v1/cliente/${uuid}`, { token })).body.data.uuid).toBe(uuid);
    expect((await call(sim, '/api/v1/cliente/?page=1&limit=50&search=xenon', { token })).body.total).toBe(1);
    const byCliente = invoice();
    byCliente.receptor = { uuid } as never;
    const stamped = await stamp(token, byCliente);
    const view = await call(sim, `/api/v1/factura/${stamped.cfdi_uuid}`, { token });
    expect(view.body.data.receptor).toMatchObject({ uuid, rfc: 'XIA190128J61' });
    const bad = await call(sim, '/api/v1/cliente', { token, json: { rfc: 'nope' } });
    expect(bad.status).toBe(422);
    expect((await call(sim, '/api/v1/empresa', { token })).body.data[0]).toMatchObject({ uuid: EMISOR_UUID });
  });
});

describe('stamping failures answered 2xx with success: false', () => {
  it('a SAT rule (receptor CP unknown to the SAT), simulacion_error, and a stamp_error fault', async () => {
    sim = await startFacturifySimulator({
      satTaxpayers: [
        { rfc: 'XIA190128J61', razon_social: 'XENON INDUSTRIAL ARTICLES', codigo_postal: '76000' },
      ],
    });
    const token = await login(sim);
    const reply = await call(sim, '/api/v1/factura', { json: invoice(), token });
    expect(reply.status).toBe(200);
    expect(reply.body).toEqual({
      success: false,
      message:
        'Error no detectado: (SAT: El campo DomicilioFiscalReceptor del receptor, debe encontrarse en la lista de RFC inscritos no cancelados en el SAT.)',
      code: 'CFDI40147',
      pac: 'Finkok',
    });
    sim.addSatTaxpayer({
      rfc: 'XIA190128J61',
      razon_social: 'XENON INDUSTRIAL ARTICLES',
      codigo_postal: '76343',
    });
    expect((await call(sim, '/api/v1/factura', { json: invoice(), token })).body.success).toBe(true);
    const simulated = await call(sim, '/api/v1/factura', {
      json: { ...invoice(), simulacion_error: 1 },
      token,
    });
    expect(simulated.body.code).toBe('CFDI40147');
    sim.addFault({
      operation: 'factura.create',
      kind: 'stamp_error',
      code: 'CFDI40158',
      message: 'UsoCFDI inválido',
    });
    const faulted = await call(sim, '/api/v1/factura', { json: invoice(), token });
    expect(faulted.body).toEqual({
      success: false,
      message: 'Error no detectado: (SAT: UsoCFDI inválido)',
      code: 'CFDI40158',
      pac: 'Finkok',
    });
    expect(sim.invoices()).toHaveLength(1);
  });
});

describe('PUT /api/v1/factura/{uuid}/cancel', () => {
  it('motive 02 by default, accepted at once under $1,000 or within a day; pending otherwise until resolved', async () => {
    sim = await startFacturifySimulator({ now: NOW, tokenTtlSeconds: 30 * 86_400 });
    const token = await login(sim);
    const small = await stamp(
      token,
      invoice({
        subtotal: 100,
        impuesto_federal: 0,
        total: 100,
        conceptos: [
          {
            clave_producto_servicio: '84111506',
            clave_unidad_de_medida: 'ACT',
            cantidad: 1,
            descripcion: 'x',
            valor_unitario: 100,
            total: 100,
          },
        ],
      }),
    );
    const cancel = (uuid: string, json?: unknown) =>
      call(sim, `/api/v1/factura/${uuid}/cancel`, { method: 'PUT', token, ...(json ? { json } : {}) });
    const r1 = await cancel(small.cfdi_uuid);
    expect(r1.body).toMatchObject({
      code: '0',
      data: { cfdi_uuid: small.cfdi_uuid, status: 'canceled', cancellation_status: 'accepted', motivo: '02' },
    });
    expect((await cancel(small.cfdi_uuid)).body.errors[0]).toMatchObject({ field: 'cfdi_uuid', code: 202 });

    const big = await stamp(token);
    const substitute = await stamp(token);
    sim.clock.advance(2 * 86_400);
    const no01 = await cancel(big.cfdi_uuid, { motivo: '01' });
    expect(no01.status).toBe(422);
    expect(no01.body.errors[0]).toMatchObject({ field: 'folio_sustitucion', code: 35 });
    expect((await cancel(big.cfdi_uuid, { motivo: '05' })).body.errors[0].field).toBe('motivo');
    const gone = await cancel(big.cfdi_uuid, { motivo: '01', folio_sustitucion: small.cfdi_uuid });
    expect(gone.body.errors[0]).toMatchObject({ field: 'folio_sustitucion', code: 39 });
    const pending = await cancel(big.cfdi_uuid, { motivo: '01', folio_sustitucion: substitute.cfdi_uuid });
    expect(pending.body.data).toMatchObject({
      status: 'valid',
      cancellation_status: 'pending',
      motivo: '01',
      folio_sustitucion: substitute.cfdi_uuid,
    });
    const rejected = await call(sim, `/__admin/cancellations/${big.cfdi_uuid}`, {
      json: { result: 'rejected' },
    });
    expect(rejected.body).toMatchObject({ status: 'valid', cancellation_status: 'rejected' });
    // Asked again, nobody answers: after 3 days it expires, which cancels it (positiva ficta).
    expect((await cancel(big.cfdi_uuid, { motivo: '02' })).body.data.cancellation_status).toBe('pending');
    sim.clock.advance(3 * 86_400);
    const after = await call(sim, `/api/v1/factura/${big.cfdi_uuid}`, { token });
    expect(after.body.data).toMatchObject({ status: 'canceled', cancellation_status: 'expired' });
  });

  it("cancellation: 'pending' keeps everything pending until an admin call accepts it", async () => {
    sim = await startFacturifySimulator({ cancellation: 'pending' });
    const token = await login(sim);
    const a = await stamp(token);
    const r = await call(sim, `/api/v1/factura/${a.cfdi_uuid}/cancel?motivo=03`, { method: 'PUT', token });
    expect(r.body.data).toMatchObject({ cancellation_status: 'pending', motivo: '03' });
    await sim.resolveCancellation(a.cfdi_uuid, 'accepted');
    expect(sim.invoices()[0]).toMatchObject({ status: 'canceled', cancellation_status: 'accepted' });
  });
});

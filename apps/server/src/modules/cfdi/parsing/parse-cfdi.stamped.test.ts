import { describe, expect, it } from 'vitest';
import { parseCfdi } from './parse-cfdi.js';
import { readFixture } from './testing/fixtures.js';

// Expected values are read by hand from each XML file (test-fixtures/cfdi/), written normalized.
const NONE = { isr: '0.00', iva: '0.00', ieps: '0.00' };
const parse = (name: string) => parseCfdi(readFixture(`cfdi/${name}`));

describe('stamped CFDI fixtures', () => {
  it('cfdiutils-cfdi40-real.xml: real 4.0 invoice', () => {
    const c = parse('cfdiutils-cfdi40-real.xml');
    expect(c.uuid).toBe('c2832671-da6d-11ef-a83d-00155d012007');
    expect([c.kind, c.version, c.tipo]).toEqual(['cfdi', '4.0', 'I']);
    expect(c.emisor).toEqual({ rfc: 'ISD950921HE5', nombre: 'PASE, SERVICIOS ELECTRONICOS', regimen: '601' });
    expect(c.receptor).toEqual({
      rfc: 'COSC8001137NA',
      nombre: 'CARLOS CORTES SOTO',
      regimen: '612',
      usoCfdi: 'G03',
      domicilioFiscal: '52176',
    });
    expect([c.serie, c.folio, c.fecha, c.fechaTimbrado, c.rfcPac]).toEqual([
      'O',
      '52375239',
      '2025-01-24T10:10:41',
      '2025-01-24T10:10:42',
      'TBN040609RKA',
    ]);
    expect([c.subtotal, c.total, c.moneda, c.tipoCambio, c.metodoPago, c.formaPago]).toEqual([
      '862.07',
      '1000.00',
      'MXN',
      '1',
      'PUE',
      '04',
    ]);
    expect(c.taxes).toEqual({
      traslados: { ...NONE, iva: '137.93' },
      retenciones: NONE,
      totalTrasladados: '137.93',
      totalRetenidos: null,
    });
    expect(c.complementos).toEqual(['timbrefiscaldigital11']);
  });

  it('cfdiutils-cfdi40-valid.xml: discount at the Comprobante level', () => {
    const c = parse('cfdiutils-cfdi40-valid.xml');
    expect(c.uuid).toBe('6f35d3b5-3651-5370-bc2c-14cdbe384cd7');
    expect([c.emisor.rfc, c.receptor.rfc, c.tipo, c.total]).toEqual([
      'EKU9003173C9',
      'MCI7306249Y1',
      'I',
      '3327.01',
    ]);
    expect([c.subtotal, c.descuento]).toEqual(['3824.15', '956.04']);
    expect(c.taxes.traslados).toEqual({ ...NONE, iva: '458.90' });
    expect(c.taxes.retenciones).toEqual(NONE);
  });

  it('satcfdi-stamped-finkok.xml: ISR and IVA withheld', () => {
    const c = parse('satcfdi-stamped-finkok.xml');
    expect(c.uuid).toBe('f08a8b8c-26db-5385-86af-2a1d354c5cc3');
    expect([c.emisor.rfc, c.receptor.rfc, c.tipo, c.total]).toEqual([
      'EKU9003173C9',
      'ICV060329BY0',
      'I',
      '1191.95',
    ]);
    expect(c.taxes).toEqual({
      traslados: { ...NONE, iva: '200.05' },
      retenciones: { ...NONE, isr: '125.03', iva: '133.37' },
      totalTrasladados: '200.05',
      totalRetenidos: '258.40',
    });
    expect(c.rfcPac).toBe('CVD110412TF6');
  });

  it('satcfdi-stamped-ingreso-iva16-XIQB891116QE4.xml', () => {
    const c = parse('satcfdi-stamped-ingreso-iva16-XIQB891116QE4.xml');
    expect(c.uuid).toBe('6d7434a6-e3f2-47ad-9e4c-08849946afa0');
    expect([c.emisor.rfc, c.receptor.rfc, c.tipo, c.total]).toEqual([
      'XIQB891116QE4',
      'KIJ0906199R1',
      'I',
      '14672.08',
    ]);
    expect(c.taxes.traslados).toEqual({ ...NONE, iva: '2462.45' });
    expect(c.taxes.retenciones).toEqual({ ...NONE, isr: '1539.03', iva: '1641.64' });
    expect(c.rfcPac).toBe('SAT970701NN3');
  });

  it('satcfdi-stamped-ingreso-exento-XIQB891116QE4.xml: an Exento traslado has no amount', () => {
    const c = parse('satcfdi-stamped-ingreso-exento-XIQB891116QE4.xml');
    expect(c.uuid).toBe('6d7434a6-e3f2-47ad-9e4c-08849946afa0');
    expect([c.emisor.rfc, c.receptor.rfc, c.tipo, c.total]).toEqual([
      'XIQB891116QE4',
      'KIJ0906199R1',
      'I',
      '13851.27',
    ]);
    expect(c.taxes.traslados).toEqual(NONE);
    expect(c.taxes.retenciones).toEqual({ ...NONE, isr: '1539.03' });
    expect(c.taxes.totalTrasladados).toBeNull();
  });

  it('satcfdi-stamped-ingreso-noobjeto-XIQB891116QE4.xml', () => {
    const c = parse('satcfdi-stamped-ingreso-noobjeto-XIQB891116QE4.xml');
    expect(c.uuid).toBe('6d7434a6-e3f2-47ad-9e4c-08849946afa0');
    expect([c.emisor.rfc, c.receptor.rfc, c.tipo, c.total]).toEqual([
      'XIQB891116QE4',
      'KIJ0906199R1',
      'I',
      '13851.27',
    ]);
    expect(c.taxes.traslados).toEqual(NONE);
    expect(c.taxes.retenciones).toEqual({ ...NONE, isr: '1539.03' });
  });

  it('satcfdi-stamped-ingreso-iva8-HandE951128469.xml: & in the RFC', () => {
    const c = parse('satcfdi-stamped-ingreso-iva8-HandE951128469.xml');
    expect(c.uuid).toBe('6d7434a6-e3f2-47ad-9e4c-08849946afa0');
    expect([c.emisor.rfc, c.emisor.nombre]).toEqual(['H&E951128469', 'HERRERIA & ELECTRICOS']);
    expect([c.receptor.rfc, c.tipo, c.total]).toEqual(['KIJ0906199R1', 'I', '16621.52']);
    expect(c.taxes.traslados).toEqual({ ...NONE, iva: '1231.22' });
    expect(c.taxes.retenciones).toEqual(NONE);
  });

  it('satcfdi-stamped-ingreso-iva16-pue-HandE951128469.xml', () => {
    const c = parse('satcfdi-stamped-ingreso-iva16-pue-HandE951128469.xml');
    expect(c.uuid).toBe('6e546729-960a-4505-8e81-2d2952145bd9');
    expect([c.emisor.rfc, c.receptor.rfc, c.tipo, c.total]).toEqual([
      'H&E951128469',
      'KIJ0906199R1',
      'I',
      '17852.75',
    ]);
    expect([c.metodoPago, c.formaPago, c.emisor.regimen]).toEqual(['PUE', '03', '606']);
    expect(c.taxes.traslados).toEqual({ ...NONE, iva: '2462.45' });
    expect(c.taxes.retenciones).toEqual(NONE);
  });

  it('satcfdi-stamped-pago20-HandE951128469.xml: Pagos 2.0 pays the iva16 invoice', () => {
    const c = parse('satcfdi-stamped-pago20-HandE951128469.xml');
    expect(c.uuid).toBe('5b64ada3-aa4c-40b4-a2f5-572ced52be31');
    expect([c.emisor.rfc, c.receptor.rfc, c.tipo, c.total, c.moneda]).toEqual([
      'H&E951128469',
      'KIJ0906199R1',
      'P',
      '0.00',
      'XXX',
    ]);
    expect(c.taxes.traslados).toEqual(NONE);
    expect(c.payments).toEqual([
      {
        version: '2.0',
        fechaPago: '2020-01-02T22:40:38',
        formaPago: '03',
        moneda: 'MXN',
        tipoCambio: null,
        monto: '17852.75',
        documents: [
          {
            uuid: '6d7434a6-e3f2-47ad-9e4c-08849946afa0',
            serie: 'A',
            folio: '123456',
            moneda: 'MXN',
            equivalencia: null,
            numParcialidad: '1',
            saldoAnterior: '17852.75',
            importePagado: '17852.75',
            saldoInsoluto: '0.00',
          },
        ],
      },
    ]);
    expect(c.complementos).toEqual(['pagos20', 'timbrefiscaldigital11']);
  });

  it('satcfdi-cfdv40-ejemplo-signed-tfd.xml: BOM, comments, IEPS withheld', () => {
    const c = parse('satcfdi-cfdv40-ejemplo-signed-tfd.xml');
    expect(c.uuid).toBe('499e9a70-36ac-448a-bbd9-f3f52102e4be');
    expect([c.emisor.rfc, c.receptor.rfc, c.tipo, c.total]).toEqual([
      'AAA010101AAA',
      'BASJ600902KL9',
      'P',
      '1500.00',
    ]);
    expect(c.taxes.traslados).toEqual({ ...NONE, iva: '360000.00' });
    expect(c.taxes.retenciones).toEqual({ ...NONE, isr: '247000.00', ieps: '500.00' });
    expect(c.related).toEqual([{ tipoRelacion: '09', uuids: ['ed1752fe-e865-4ff2-bfe1-0f552e770dc9'] }]);
    expect(c.rfcPac).toBe('PUT211201AX4');
  });

  it('nodecfdi-cfdi40-nomina-valid.xml', () => {
    const c = parse('nodecfdi-cfdi40-nomina-valid.xml');
    expect(c.uuid).toBe('00000000-0000-0000-0000-000000000000');
    expect([c.emisor.rfc, c.receptor.rfc, c.tipo, c.total]).toEqual([
      'AAA010101AAA',
      'XAXX010101000',
      'N',
      '4445.00',
    ]);
    expect(c.taxes.traslados).toEqual(NONE);
    expect(c.taxes.retenciones).toEqual(NONE);
    expect(c.nomina).toEqual({
      version: '1.2',
      tipoNomina: 'O',
      fechaPago: '2026-04-27',
      fechaInicialPago: '2026-04-16',
      fechaFinalPago: '2026-04-30',
      numDiasPagados: '15',
      totalPercepciones: '5186.10',
      totalDeducciones: '741.10',
      totalOtrosPagos: '0.00',
    });
    expect(c.complementos).toEqual(['nomina12', 'timbrefiscaldigital11']);
  });

  it('nodecfdi-cfdi40-nomina-complex-valid.xml', () => {
    const c = parse('nodecfdi-cfdi40-nomina-complex-valid.xml');
    expect(c.uuid).toBe('11111111-1111-1111-1111-111111111111');
    expect([c.emisor.rfc, c.receptor.rfc, c.tipo, c.total]).toEqual([
      'AAA010101AAA',
      'XAXX010101000',
      'N',
      '2034.00',
    ]);
    expect(c.taxes.retenciones).toEqual(NONE);
    expect(c.nomina).toMatchObject({
      fechaPago: '2025-07-10',
      totalPercepciones: '3871.74',
      totalDeducciones: '1838.57',
      totalOtrosPagos: '0.83',
    });
  });

  it('nodecfdi-cfdi40-nomina-compensacion-valid.xml', () => {
    const c = parse('nodecfdi-cfdi40-nomina-compensacion-valid.xml');
    expect(c.uuid).toBe('22222222-2222-2222-2222-222222222222');
    expect([c.emisor.rfc, c.receptor.rfc, c.tipo, c.total]).toEqual([
      'AAA010101AAA',
      'XAXX010101000',
      'N',
      '12574.40',
    ]);
    expect(c.taxes.traslados).toEqual(NONE);
    expect(c.nomina).toMatchObject({
      fechaPago: '2026-01-14',
      totalPercepciones: '15000.00',
      totalDeducciones: '2689.23',
      totalOtrosPagos: '263.63',
    });
  });

  it('nodecfdi-cfdi33-valid.xml: CFDI 3.3 with a related CFDI', () => {
    const c = parse('nodecfdi-cfdi33-valid.xml');
    expect(c.uuid).toBe('9fb6ed1a-5f37-4fef-980a-7f8c83b51894');
    expect([c.version, c.emisor.rfc, c.receptor.rfc, c.tipo, c.total]).toEqual([
      '3.3',
      'AAA010101AAA',
      'COSC8001137NA',
      'I',
      '2382870.00',
    ]);
    // The sample declares the traslado as Impuesto 001 and the retención as 002: kept as written.
    expect(c.taxes.traslados).toEqual({ ...NONE, isr: '363104.00' });
    expect(c.taxes.retenciones).toEqual({ ...NONE, iva: '249634.00' });
    expect(c.related).toEqual([{ tipoRelacion: '01', uuids: ['a39da66b-52ca-49e3-879b-5c05185b0ef7'] }]);
    expect(c.receptor).toMatchObject({ usoCfdi: 'G01', regimen: null, domicilioFiscal: null });
  });

  it('nodecfdi-cfdi33-payment-pagos10-valid.xml: Pagos 1.0', () => {
    const c = parse('nodecfdi-cfdi33-payment-pagos10-valid.xml');
    expect(c.uuid).toBe('9fb6ed1a-5f37-4fef-980a-7f8c83b51894');
    expect([c.version, c.emisor.rfc, c.receptor.rfc, c.tipo, c.total]).toEqual([
      '3.3',
      'AAA010101AAA',
      'COSC8001137NA',
      'P',
      '0.00',
    ]);
    expect(c.taxes.traslados).toEqual(NONE);
    expect(c.payments).toEqual([
      {
        version: '1.0',
        fechaPago: '2019-10-29T13:29:00',
        formaPago: '03',
        moneda: 'MXN',
        tipoCambio: null,
        monto: '4000.00',
        documents: [
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
          },
        ],
      },
    ]);
    expect(c.complementos).toEqual(['pagos10', 'timbrefiscaldigital11']);
  });

  it('phpcfdi-cfdi32-aerolineas.xml: CFDI 3.2, UUID from the TFD', () => {
    const c = parse('phpcfdi-cfdi32-aerolineas.xml');
    expect(c.uuid).toBe('11111111-2222-3333-4444-000000000001');
    expect([c.version, c.emisor.rfc, c.receptor.rfc, c.tipo, c.total]).toEqual([
      '3.2',
      'AAA010101AAA',
      'E&Ñ831019M53',
      'I',
      '40600.00',
    ]);
    expect([c.subtotal, c.descuento, c.moneda, c.serie, c.folio]).toEqual([
      '35000.00',
      '0.00',
      'Pesos',
      'C',
      '38',
    ]);
    expect(c.taxes).toEqual({
      traslados: { ...NONE, iva: '5600.00' },
      retenciones: NONE,
      totalTrasladados: '5600.00',
      totalRetenidos: '0.00',
    });
    expect(c.emisor.regimen).toBe('Regimen General de Ley Personas Morales de Prueba');
    expect([c.formaPago, c.metodoPago]).toEqual(['No Identificado', 'PAGO EN UNA SOLA EXHIBICION']);
    expect(c.rfcPac).toBe('FIN1203015JA');
  });

  it('nodecfdi-retenciones10-valid.xml: Retenciones 1.0 with TFD 1.0', () => {
    const c = parse('nodecfdi-retenciones10-valid.xml');
    expect(c.uuid).toBe('f25f9852-6f4c-4782-9d47-3119eb3fad3a');
    expect([c.kind, c.version, c.tipo]).toEqual(['retenciones', '1.0', null]);
    expect([c.emisor.rfc, c.emisor.nombre, c.receptor.rfc]).toEqual([
      'EKU9003173C9',
      'Escuela Kemper Urgate SA DE SV',
      'AAA010101AAA',
    ]);
    expect([c.total, c.folio, c.fecha, c.fechaTimbrado, c.rfcPac]).toEqual([
      '8092.24',
      'P07D',
      '2020-09-10T13:11:36-06:00',
      '2020-09-10T15:11:36',
      null,
    ]);
    expect(c.taxes).toEqual({
      traslados: NONE,
      retenciones: { ...NONE, isr: '647.3792', iva: '647.3792' },
      totalTrasladados: null,
      totalRetenidos: '1294.7584',
    });
    expect(c.retencion).toEqual({
      claveRetencion: '26',
      mesInicial: '08',
      mesFinal: '08',
      ejercicio: '2020',
      montoTotalGravado: '8092.24',
      montoTotalExento: '0.00',
    });
    expect(c.complementos).toEqual(['plataformastecnologicas10', 'timbrefiscaldigital10']);
  });
});

import { describe, expect, it } from 'vitest';
import { parseCfdi } from './parse-cfdi.js';
import { readFixture } from './testing/fixtures.js';

const tfdElement = (uuid: string) =>
  `<tfd:TimbreFiscalDigital xmlns:tfd="http://www.sat.gob.mx/TimbreFiscalDigital" Version="1.1" UUID="${uuid}" FechaTimbrado="2026-01-02T10:00:00" RfcProvCertif="SAT970701NN3"/>`;
const tfd = (uuid: string) => `<cfdi:Complemento>${tfdElement(uuid)}</cfdi:Complemento>`;

describe('document JSON', () => {
  it('keeps every attribute as a string, repeatable nodes as arrays, complements and addenda', () => {
    const c = parseCfdi(readFixture('cfdi/satcfdi-cfdv40-cartaporte20.xml'), { allowMissingUuid: true });
    const root = c.document['cfdi:Comprobante'] as Record<string, unknown>;
    expect(root['@Version']).toBe('4.0');
    expect(root['@SubTotal']).toBe('0'); // as written; normalized copies live in the fields
    expect(root['@xmlns:cartaporte20']).toBe('http://www.sat.gob.mx/CartaPorte20');
    const conceptos = root['cfdi:Conceptos'] as Record<string, unknown>;
    expect(Array.isArray(conceptos['cfdi:Concepto'])).toBe(true);
    const complemento = (root['cfdi:Complemento'] as Record<string, unknown>[])[0]!;
    const carta = complemento['cartaporte20:CartaPorte'] as Record<string, unknown>;
    const ubicaciones = (carta['cartaporte20:Ubicaciones'] as Record<string, unknown>)[
      'cartaporte20:Ubicacion'
    ];
    expect((ubicaciones as unknown[]).length).toBe(2);
    expect(carta['@TranspInternac']).toBe('Sí');
  });

  it('keeps an addenda and decodes character references', () => {
    const xml = `<?xml version="1.0" encoding="UTF-8"?>
<cfdi:Comprobante xmlns:cfdi="http://www.sat.gob.mx/cfd/4" Version="4.0" Total="116.00" SubTotal="100" TipoDeComprobante="I" Moneda="MXN">
<cfdi:Emisor Rfc="AAA010101AAA" Nombre="PE&#xD1;A &amp; C&#237;A" RegimenFiscal="601"/><cfdi:Receptor Rfc="XAXX010101000"/>
${tfd('A1B2C3D4-0000-4000-8000-00000000000A')}
<cfdi:Addenda><ext:Pedido xmlns:ext="urn:ejemplo" Numero="PO-77"><ext:Nota>texto &lt;libre&gt;</ext:Nota></ext:Pedido></cfdi:Addenda>
</cfdi:Comprobante>`;
    const c = parseCfdi(xml);
    expect(c.uuid).toBe('a1b2c3d4-0000-4000-8000-00000000000a');
    expect(c.emisor.nombre).toBe('PEÑA & CíA');
    const root = c.document['cfdi:Comprobante'] as Record<string, unknown>;
    expect(root['cfdi:Addenda']).toEqual([
      { 'ext:Pedido': { '@xmlns:ext': 'urn:ejemplo', '@Numero': 'PO-77', 'ext:Nota': 'texto <libre>' } },
    ]);
  });

  it('dispatches on the namespace, not the prefix (default namespace, other prefix)', () => {
    const xml = `<Comprobante xmlns="http://www.sat.gob.mx/cfd/4" Version="4.0" Total="10.5" TipoDeComprobante="E">
<Emisor Rfc="aaa010101aaa"/><Receptor Rfc="XAXX010101000"/><Impuestos><Traslados><Traslado Impuesto="003" Importe="1.25"/><Traslado Impuesto="003" Importe="0.75"/></Traslados></Impuestos>
<Complemento><t:TimbreFiscalDigital xmlns:t="http://www.sat.gob.mx/TimbreFiscalDigital" Version="1.1" UUID="00000000-0000-4000-8000-000000000001"/></Complemento></Comprobante>`;
    const c = parseCfdi(xml);
    expect([c.tipo, c.total, c.emisor.rfc, c.taxes.traslados.ieps]).toEqual([
      'E',
      '10.50',
      'AAA010101AAA',
      '2.00',
    ]);
    expect(c.complementos).toEqual(['timbrefiscaldigital11']);
  });

  it('reads Retenciones 2.0 spellings', () => {
    const xml = `<retenciones:Retenciones xmlns:retenciones="http://www.sat.gob.mx/esquemas/retencionpago/2" Version="2.0" FolioInt="R-1" FechaExp="2024-02-01T10:00:00" LugarExpRetenc="06000" CveRetenc="14">
<retenciones:CfdiRetenRelacionados TipoRelacion="01" UUID="ABCDEF00-0000-4000-8000-000000000001"/>
<retenciones:Emisor RfcE="EKU9003173C9" NomDenRazSocE="ESCUELA KEMPER URGATE" RegimenFiscalE="601"/>
<retenciones:Receptor NacionalidadR="Nacional"><retenciones:Nacional RfcR="XAXX010101000" NomDenRazSocR="PUBLICO" DomicilioFiscalR="06000"/></retenciones:Receptor>
<retenciones:Periodo MesIni="01" MesFin="01" Ejercicio="2024"/>
<retenciones:Totales MontoTotOperacion="1000" MontoTotGrav="1000" MontoTotExent="0" MontoTotRet="110.50">
<retenciones:ImpRetenidos BaseRet="1000" ImpuestoRet="001" MontoRet="100" TipoPagoRet="01"/>
<retenciones:ImpRetenidos BaseRet="1000" ImpuestoRet="002" MontoRet="10.5" TipoPagoRet="01"/></retenciones:Totales>
<retenciones:Complemento>${tfdElement('ABCDEF00-0000-4000-8000-000000000002')}</retenciones:Complemento>
</retenciones:Retenciones>`;
    const c = parseCfdi(xml);
    expect([c.kind, c.version, c.uuid, c.total]).toEqual([
      'retenciones',
      '2.0',
      'abcdef00-0000-4000-8000-000000000002',
      '1000.00',
    ]);
    expect([c.emisor.rfc, c.emisor.regimen, c.receptor.rfc, c.receptor.domicilioFiscal]).toEqual([
      'EKU9003173C9',
      '601',
      'XAXX010101000',
      '06000',
    ]);
    expect(c.taxes.retenciones).toEqual({ isr: '100.00', iva: '10.50', ieps: '0.00' });
    expect(c.related).toEqual([{ tipoRelacion: '01', uuids: ['abcdef00-0000-4000-8000-000000000001'] }]);
    expect(c.retencion).toMatchObject({ claveRetencion: '14', ejercicio: '2024', montoTotalExento: '0.00' });
  });
});

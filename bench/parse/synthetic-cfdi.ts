/**
 * Deterministic synthetic CFDI 4.0 documents for benchmarks: Emisor, Receptor, 3–5 Conceptos with
 * IVA traslado (and ISR/IVA retenciones on some services), Comprobante Impuestos and a TFD, with
 * random base64 seals of realistic length, accents and escaped `&`. About 5–6 KB each.
 */

function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return ((z ^ (z >>> 16)) >>> 0) / 2 ** 32;
  };
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const NAMES = [
  'ABARROTES LA PROVIDENCIA',
  'SERVICIOS CONTABLES R&amp;M',
  'MAQUINARIA DEL NOROESTE',
  'PANADERÍA SAN JOSÉ',
  'CLÍNICA DENTAL SONRISAS',
  'TALLER MECÁNICO HERMANOS PÉREZ',
  'ANA SOFÍA RAMÍREZ NÚÑEZ',
  'LUIS ÁNGEL GUTIÉRREZ OCHOA',
];
const ITEMS = [
  ['43211507', 'Monitor 27 pulgadas', 'H87'],
  ['81112100', 'Hospedaje de sitio web anual', 'E48'],
  ['72101500', 'Mantenimiento de instalaciones eléctricas', 'E48'],
  ['50181900', 'Pan dulce surtido (charola)', 'XBX'],
  ['26111701', 'Batería para auto 12V', 'H87'],
  ['80101500', 'Consultoría en gestión de negocios', 'E48'],
];

/** Amounts are built in integer cents, so the XML carries exact two-decimal strings. */
const cents = (c: number): string => `${Math.trunc(c / 100)}.${String(c % 100).padStart(2, '0')}`;

export function syntheticCfdiBatch(count: number, seed = 20261125): string[] {
  const rnd = prng(seed);
  const int = (lo: number, hi: number) => lo + Math.floor(rnd() * (hi - lo + 1));
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const b64 = (n: number) => Array.from({ length: n }, () => B64[int(0, 63)]).join('');
  const hex = (n: number) => Array.from({ length: n }, () => '0123456789ABCDEF'[int(0, 15)]).join('');
  const rfc = (len: 3 | 4) =>
    Array.from({ length: len }, () => String.fromCharCode(65 + int(0, 25))).join('') +
    `${int(50, 99)}${String(int(1, 12)).padStart(2, '0')}${String(int(1, 28)).padStart(2, '0')}${hex(3)}`;
  const certificate = b64(1200);
  const docs: string[] = [];
  for (let i = 0; i < count; i++) {
    const uuid = `${hex(8)}-${hex(4)}-4${hex(3)}-A${hex(3)}-${hex(12)}`;
    let subtotal = 0;
    let iva = 0;
    let retIva = 0;
    let retIsr = 0;
    const conceptos: string[] = [];
    for (let c = int(3, 5); c > 0; c--) {
      const [clave, desc, unidad] = pick(ITEMS);
      const importe = int(100, 900_000);
      const tras = Math.round(importe * 0.16);
      subtotal += importe;
      iva += tras;
      let ret = '';
      if (unidad === 'E48' && rnd() < 0.5) {
        const ri = Math.round(importe * 0.106667);
        const rs = Math.round(importe * 0.1);
        retIva += ri;
        retIsr += rs;
        ret = `<cfdi:Retenciones><cfdi:Retencion Base="${cents(importe)}" Impuesto="002" TipoFactor="Tasa" TasaOCuota="0.106667" Importe="${cents(ri)}"/><cfdi:Retencion Base="${cents(importe)}" Impuesto="001" TipoFactor="Tasa" TasaOCuota="0.100000" Importe="${cents(rs)}"/></cfdi:Retenciones>`;
      }
      conceptos.push(
        `<cfdi:Concepto ClaveProdServ="${clave}" NoIdentificacion="P-${int(1000, 9999)}" Cantidad="1" ClaveUnidad="${unidad}" Descripcion="${desc}" ValorUnitario="${cents(importe)}" Importe="${cents(importe)}" ObjetoImp="02"><cfdi:Impuestos><cfdi:Traslados><cfdi:Traslado Base="${cents(importe)}" Impuesto="002" TipoFactor="Tasa" TasaOCuota="0.160000" Importe="${cents(tras)}"/></cfdi:Traslados>${ret}</cfdi:Impuestos></cfdi:Concepto>`,
      );
    }
    const retenido = retIva + retIsr;
    const retAttr = retenido > 0 ? ` TotalImpuestosRetenidos="${cents(retenido)}"` : '';
    const retBlock =
      retenido > 0
        ? `<cfdi:Retenciones><cfdi:Retencion Impuesto="001" Importe="${cents(retIsr)}"/><cfdi:Retencion Impuesto="002" Importe="${cents(retIva)}"/></cfdi:Retenciones>`
        : '';
    const day = String(int(1, 28)).padStart(2, '0');
    const month = String(int(1, 12)).padStart(2, '0');
    docs.push(`<?xml version="1.0" encoding="UTF-8"?>
<cfdi:Comprobante xmlns:cfdi="http://www.sat.gob.mx/cfd/4" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://www.sat.gob.mx/cfd/4 http://www.sat.gob.mx/sitio_internet/cfd/4/cfdv40.xsd" Version="4.0" Serie="F" Folio="${i + 1}" Fecha="2026-${month}-${day}T10:${String(int(0, 59)).padStart(2, '0')}:00" Sello="${b64(342)}==" FormaPago="03" NoCertificado="30001000000500003416" Certificado="${certificate}" SubTotal="${cents(subtotal)}" Moneda="MXN" Total="${cents(subtotal + iva - retenido)}" TipoDeComprobante="I" Exportacion="01" MetodoPago="PUE" LugarExpedicion="06000">
  <cfdi:Emisor Rfc="${rfc(3)}" Nombre="${pick(NAMES)}" RegimenFiscal="601"/>
  <cfdi:Receptor Rfc="${rfc(4)}" Nombre="${pick(NAMES)}" DomicilioFiscalReceptor="44100" RegimenFiscalReceptor="612" UsoCFDI="G03"/>
  <cfdi:Conceptos>${conceptos.join('')}</cfdi:Conceptos>
  <cfdi:Impuestos${retAttr} TotalImpuestosTrasladados="${cents(iva)}">${retBlock}<cfdi:Traslados><cfdi:Traslado Base="${cents(subtotal)}" Impuesto="002" TipoFactor="Tasa" TasaOCuota="0.160000" Importe="${cents(iva)}"/></cfdi:Traslados></cfdi:Impuestos>
  <cfdi:Complemento><tfd:TimbreFiscalDigital xmlns:tfd="http://www.sat.gob.mx/TimbreFiscalDigital" Version="1.1" UUID="${uuid}" FechaTimbrado="2026-${month}-${day}T11:00:00" RfcProvCertif="SAT970701NN3" SelloCFD="${b64(342)}==" NoCertificadoSAT="30001000000500003456" SelloSAT="${b64(342)}=="/></cfdi:Complemento>
</cfdi:Comprobante>
`);
  }
  return docs;
}

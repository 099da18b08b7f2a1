import { type Concept, money, rate, type TaxLine } from './amounts.js';
import { formatNaive } from './calendar.js';
import { PACS } from './catalog.js';
import type { DocModel } from './document.js';
import { keyOf, Rng } from './prng.js';
import { nominaNode, pagosNode } from './render-complementos.js';
import { type Attr, el, serialize, type XmlNode } from './xml.js';

const XSI = 'http://www.w3.org/2001/XMLSchema-instance';
const NS = {
  '4.0': ['http://www.sat.gob.mx/cfd/4', 'http://www.sat.gob.mx/sitio_internet/cfd/4/cfdv40.xsd'],
  '3.3': ['http://www.sat.gob.mx/cfd/3', 'http://www.sat.gob.mx/sitio_internet/cfd/3/cfdv33.xsd'],
} as const;
const TFD_SCHEMA =
  'http://www.sat.gob.mx/TimbreFiscalDigital http://www.sat.gob.mx/sitio_internet/cfd/TimbreFiscalDigital/TimbreFiscalDigitalv11.xsd';

interface Csd {
  noCertificado: string;
  certificado: string;
}

const csdCache = new Map<string, Csd>();

/** One CSD per issuer, like a real taxpayer: random bytes of a certificate's size (never verified). */
function csdOf(seed: string, rfc: string): Csd {
  const cacheKey = `${seed}\u001f${rfc}`;
  let csd = csdCache.get(cacheKey);
  if (!csd) {
    const rng = Rng.fromKey(keyOf(seed, 'csd', rfc));
    csd = { noCertificado: `00001000000${rng.digits(9)}`, certificado: rng.base64(1_520) };
    if (csdCache.size > 5_000) csdCache.clear();
    csdCache.set(cacheKey, csd);
  }
  return csd;
}

function traslado(t: TaxLine, withBase: boolean): XmlNode {
  return el('cfdi:Traslado', [
    ['Base', withBase ? money(t.base) : undefined],
    ['Impuesto', t.impuesto],
    ['TipoFactor', 'Tasa'],
    ['TasaOCuota', rate(t.rate)],
    ['Importe', money(t.amount)],
  ]);
}

function conceptNode(model: DocModel, concept: Concept): XmlNode {
  const v40 = model.header.version === '4.0';
  const taxed = concept.traslados.length + concept.retenciones.length > 0;
  const children: XmlNode[] = [];
  if (taxed) {
    const taxes: XmlNode[] = [
      el(
        'cfdi:Traslados',
        [],
        concept.traslados.map((t) => traslado(t, true)),
      ),
    ];
    if (concept.retenciones.length > 0) {
      taxes.push(
        el(
          'cfdi:Retenciones',
          [],
          concept.retenciones.map((r) =>
            el('cfdi:Retencion', [
              ['Base', money(r.base)],
              ['Impuesto', r.impuesto],
              ['TipoFactor', 'Tasa'],
              ['TasaOCuota', rate(r.rate)],
              ['Importe', money(r.amount)],
            ]),
          ),
        ),
      );
    }
    children.push(el('cfdi:Impuestos', [], taxes));
  }
  if (concept.thirdParty && v40) {
    const party = concept.thirdParty;
    children.push(
      el('cfdi:ACuentaTerceros', [
        ['RfcACuentaTerceros', party.rfc],
        ['NombreACuentaTerceros', party.baseName],
        ['RegimenFiscalACuentaTerceros', party.regimen],
        ['DomicilioFiscalACuentaTerceros', party.cp],
      ]),
    );
  }
  const attrs: Attr[] = [
    ['ClaveProdServ', concept.clave],
    ['Cantidad', String(concept.cantidad)],
    ['ClaveUnidad', concept.unidad],
    ['Unidad', concept.unidadNombre],
    ['Descripcion', concept.descripcion],
    ['ValorUnitario', money(concept.unitCents)],
    ['Importe', money(concept.importe)],
    ['Descuento', concept.descuento > 0 ? money(concept.descuento) : undefined],
    ['ObjetoImp', v40 ? (taxed ? '02' : '01') : undefined],
  ];
  return el('cfdi:Concepto', attrs, children);
}

/** P, N and T carry fixed single concepts with no taxes; I and E carry the generated lines. */
function conceptNodes(model: DocModel): XmlNode[] {
  const v40 = model.header.version === '4.0';
  const fixed = (clave: string, descripcion: string, value: string, descuento?: string): XmlNode =>
    el('cfdi:Concepto', [
      ['ClaveProdServ', clave],
      ['Cantidad', '1'],
      ['ClaveUnidad', 'ACT'],
      ['Descripcion', descripcion],
      ['ValorUnitario', value],
      ['Importe', value],
      ['Descuento', descuento],
      ['ObjetoImp', v40 ? '01' : undefined],
    ]);
  switch (model.header.type) {
    case 'P':
      return [fixed('84111506', 'Pago', '0')];
    case 'T':
      return [fixed('78101800', 'Traslado de mercancía entre almacenes', '0')];
    case 'N': {
      const n = model.nomina?.amounts;
      return [
        fixed(
          '84111505',
          'Pago de nómina',
          money(n?.totalPercepciones ?? 0),
          money(n?.totalDeducciones ?? 0),
        ),
      ];
    }
    default:
      return model.amounts.concepts.map((concept) => conceptNode(model, concept));
  }
}

function impuestosNode(model: DocModel): XmlNode | undefined {
  const a = model.amounts;
  if (model.header.type !== 'I' && model.header.type !== 'E') return undefined;
  const v40 = model.header.version === '4.0';
  const children: XmlNode[] = [];
  if (a.retenciones.length > 0) {
    children.push(
      el(
        'cfdi:Retenciones',
        [],
        a.retenciones.map((r) =>
          el('cfdi:Retencion', [
            ['Impuesto', r.impuesto],
            ['Importe', money(r.amount)],
          ]),
        ),
      ),
    );
  }
  children.push(
    el(
      'cfdi:Traslados',
      [],
      a.traslados.map((t) => traslado(t, v40)),
    ),
  );
  return el(
    'cfdi:Impuestos',
    [
      ['TotalImpuestosRetenidos', a.retenciones.length > 0 ? money(a.totalRetenciones) : undefined],
      ['TotalImpuestosTrasladados', money(a.totalTraslados)],
    ],
    children,
  );
}

function tfdNode(model: DocModel, sello: string, rng: Rng): XmlNode {
  const pac = PACS[model.header.pac] ?? PACS[0];
  return el('tfd:TimbreFiscalDigital', [
    ['xmlns:tfd', 'http://www.sat.gob.mx/TimbreFiscalDigital'],
    ['xsi:schemaLocation', TFD_SCHEMA],
    ['Version', '1.1'],
    ['UUID', model.uuid],
    ['FechaTimbrado', formatNaive(model.header.certifiedSec)],
    ['RfcProvCertif', pac.rfc],
    ['SelloCFD', sello],
    ['NoCertificadoSAT', pac.noCertificado],
    ['SelloSAT', rng.base64(256)],
  ]);
}

export function renderCfdi(model: DocModel): string {
  const { header, ledger } = model;
  const v40 = header.version === '4.0';
  const [ns, xsd] = NS[header.version];
  // Sellos come from their own stream so they never disturb the amounts.
  const rng = Rng.fromKey(keyOf(ledger.seed, 'sello', model.uuid));
  const sello = rng.base64(256);
  const csd = csdOf(ledger.seed, model.issuer.rfc);
  const a = model.amounts;
  const zeroTotals = header.type === 'P' || header.type === 'T';
  const nomina = model.nomina?.amounts;
  const subtotal = zeroTotals ? '0' : money(nomina ? nomina.totalPercepciones : a.subtotal);
  const descuento = nomina ? nomina.totalDeducciones : a.descuento;
  const complement =
    header.type === 'P' ? pagosNode(model) : header.type === 'N' ? nominaNode(model) : undefined;
  const schemas = [ns, xsd, ...(complement ? [complement.schema] : [])].join(' ');

  const children: XmlNode[] = [];
  if (model.related && header.type === 'E') {
    children.push(
      el(
        'cfdi:CfdiRelacionados',
        [['TipoRelacion', '01']],
        [el('cfdi:CfdiRelacionado', [['UUID', model.related.uuid]])],
      ),
    );
  }
  children.push(
    el('cfdi:Emisor', [
      ['Rfc', model.issuer.rfc],
      ['Nombre', model.issuerName],
      ['RegimenFiscal', model.issuer.regimen],
    ]),
    el('cfdi:Receptor', [
      ['Rfc', model.receiver.rfc],
      ['Nombre', model.receiverName === '' ? undefined : model.receiverName],
      ['DomicilioFiscalReceptor', v40 ? model.receiver.cp : undefined],
      ['RegimenFiscalReceptor', v40 ? model.receiver.regimen : undefined],
      ['UsoCFDI', model.usoCfdi],
    ]),
    el('cfdi:Conceptos', [], conceptNodes(model)),
  );
  const impuestos = impuestosNode(model);
  if (impuestos) children.push(impuestos);
  children.push(
    el('cfdi:Complemento', [], [...(complement ? [complement.node] : []), tfdNode(model, sello, rng)]),
  );

  const root = el(
    'cfdi:Comprobante',
    [
      ['xmlns:cfdi', ns],
      ['xmlns:xsi', XSI],
      ...(complement ? [[`xmlns:${complement.prefix}`, complement.namespace] as Attr] : []),
      ['xsi:schemaLocation', schemas],
      ['Version', header.version],
      ['Serie', model.serie],
      ['Folio', model.folio],
      ['Fecha', formatNaive(header.issuedSec)],
      ['Sello', sello],
      ['FormaPago', model.formaPago],
      ['NoCertificado', csd.noCertificado],
      ['Certificado', csd.certificado],
      ['SubTotal', subtotal],
      ['Descuento', descuento > 0 ? money(descuento) : undefined],
      ['Moneda', zeroTotals ? 'XXX' : 'MXN'],
      ['Total', zeroTotals ? '0' : money(model.total)],
      ['TipoDeComprobante', header.type],
      ['Exportacion', v40 ? '01' : undefined],
      ['MetodoPago', model.metodoPago],
      ['LugarExpedicion', model.issuer.cp],
    ],
    children,
  );
  return serialize(root);
}

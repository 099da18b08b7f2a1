import { money, rate, type TaxLine } from './amounts.js';
import { DAY, formatDay, formatNaive, parseNaive } from './calendar.js';
import type { DocModel } from './document.js';
import { type Attr, el, type XmlNode } from './xml.js';

export interface ComplementNode {
  node: XmlNode;
  prefix: string;
  namespace: string;
  /** `namespace xsd` pair for xsi:schemaLocation. */
  schema: string;
}

const IMPUESTO_NAME: Record<string, string> = { '001': 'ISR', '002': 'IVA' };

function pagos10(model: DocModel): ComplementNode {
  const related = model.related as DocModel;
  const payment = model.payment!;
  const p = payment.amounts;
  const docto = el('pago10:DoctoRelacionado', [
    ['IdDocumento', related.uuid],
    ['Serie', related.serie],
    ['Folio', related.folio],
    ['MonedaDR', 'MXN'],
    ['MetodoDePagoDR', 'PPD'],
    ['NumParcialidad', '1'],
    ['ImpSaldoAnt', money(p.saldoAnterior)],
    ['ImpPagado', money(p.paid)],
    ['ImpSaldoInsoluto', money(p.saldoInsoluto)],
  ]);
  const pago = el(
    'pago10:Pago',
    [
      ['FechaPago', formatNaive(payment.paidSec)],
      ['FormaDePagoP', payment.formaPago],
      ['MonedaP', 'MXN'],
      ['Monto', money(p.paid)],
    ],
    [docto],
  );
  return {
    node: el('pago10:Pagos', [['Version', '1.0']], [pago]),
    prefix: 'pago10',
    namespace: 'http://www.sat.gob.mx/Pagos',
    schema: 'http://www.sat.gob.mx/Pagos http://www.sat.gob.mx/sitio_internet/cfd/Pagos/Pagos10.xsd',
  };
}

function taxAttrs(suffix: 'DR' | 'P', t: TaxLine, withBase: boolean): Attr[] {
  return [
    [`Base${suffix}`, withBase ? money(t.base) : undefined],
    [`Impuesto${suffix}`, t.impuesto],
    [`TipoFactor${suffix}`, 'Tasa'],
    [`TasaOCuota${suffix}`, rate(t.rate)],
    [`Importe${suffix}`, money(t.amount)],
  ];
}

function pagos20(model: DocModel): ComplementNode {
  const related = model.related as DocModel;
  const payment = model.payment!;
  const p = payment.amounts;
  const impuestosDR: XmlNode[] = [];
  if (p.retenciones.length > 0) {
    impuestosDR.push(
      el(
        'pago20:RetencionesDR',
        [],
        p.retenciones.map((r) => el('pago20:RetencionDR', taxAttrs('DR', r, true))),
      ),
    );
  }
  impuestosDR.push(
    el(
      'pago20:TrasladosDR',
      [],
      p.traslados.map((t) => el('pago20:TrasladoDR', taxAttrs('DR', t, true))),
    ),
  );
  const docto = el(
    'pago20:DoctoRelacionado',
    [
      ['IdDocumento', related.uuid],
      ['Serie', related.serie],
      ['Folio', related.folio],
      ['MonedaDR', 'MXN'],
      ['EquivalenciaDR', '1'],
      ['NumParcialidad', '1'],
      ['ImpSaldoAnt', money(p.saldoAnterior)],
      ['ImpPagado', money(p.paid)],
      ['ImpSaldoInsoluto', money(p.saldoInsoluto)],
      ['ObjetoImpDR', '02'],
    ],
    [el('pago20:ImpuestosDR', [], impuestosDR)],
  );
  const impuestosP: XmlNode[] = [];
  if (p.retenciones.length > 0) {
    impuestosP.push(
      el(
        'pago20:RetencionesP',
        [],
        p.retenciones.map((r) =>
          el('pago20:RetencionP', [
            ['ImpuestoP', r.impuesto],
            ['ImporteP', money(r.amount)],
          ]),
        ),
      ),
    );
  }
  impuestosP.push(
    el(
      'pago20:TrasladosP',
      [],
      p.traslados.map((t) => el('pago20:TrasladoP', taxAttrs('P', t, true))),
    ),
  );
  const totales: Attr[] = [];
  for (const r of p.retenciones)
    totales.push([`TotalRetenciones${IMPUESTO_NAME[r.impuesto]}`, money(r.amount)]);
  for (const t of p.traslados) {
    const tag = t.rate === 160_000 ? 'IVA16' : t.rate === 80_000 ? 'IVA8' : 'IVA0';
    totales.push(
      [`TotalTrasladosBase${tag}`, money(t.base)],
      [`TotalTrasladosImpuesto${tag}`, money(t.amount)],
    );
  }
  totales.push(['MontoTotalPagos', money(p.paid)]);
  const pago = el(
    'pago20:Pago',
    [
      ['FechaPago', formatNaive(payment.paidSec)],
      ['FormaDePagoP', payment.formaPago],
      ['MonedaP', 'MXN'],
      ['TipoCambioP', '1'],
      ['Monto', money(p.paid)],
    ],
    [docto, el('pago20:ImpuestosP', [], impuestosP)],
  );
  return {
    node: el('pago20:Pagos', [['Version', '2.0']], [el('pago20:Totales', totales), pago]),
    prefix: 'pago20',
    namespace: 'http://www.sat.gob.mx/Pagos20',
    schema: 'http://www.sat.gob.mx/Pagos20 http://www.sat.gob.mx/sitio_internet/cfd/Pagos/Pagos20.xsd',
  };
}

export function pagosNode(model: DocModel): ComplementNode {
  return model.header.version === '4.0' ? pagos20(model) : pagos10(model);
}

export function nominaNode(model: DocModel): ComplementNode {
  const { amounts: n, employee } = model.nomina!;
  const payDay = model.header.issuedSec - (model.header.issuedSec % DAY);
  const periodStart = payDay - (n.days - 1) * DAY;
  // Nobody is paid before being hired: old payslips move the hiring date back.
  const hiredSec = Math.min(parseNaive(`${employee.startedOn}T00:00:00`), periodStart - 400 * DAY);
  const weeks = Math.floor((payDay - hiredSec) / (7 * DAY));
  const sdi = Math.round(employee.dailyCents * 1.0452);
  const receptor = el('nomina12:Receptor', [
    ['Curp', employee.curp],
    ['NumSeguridadSocial', employee.nss],
    ['FechaInicioRelLaboral', formatDay(hiredSec)],
    ['Antigüedad', `P${weeks}W`],
    ['TipoContrato', '01'],
    ['Sindicalizado', 'No'],
    ['TipoJornada', '01'],
    ['TipoRegimen', '02'],
    ['NumEmpleado', employee.number],
    ['Puesto', employee.position],
    ['RiesgoPuesto', '1'],
    ['PeriodicidadPago', '04'],
    ['SalarioBaseCotApor', money(sdi)],
    ['SalarioDiarioIntegrado', money(sdi)],
    ['ClaveEntFed', employee.state],
  ]);
  const percepciones = el(
    'nomina12:Percepciones',
    [
      ['TotalSueldos', money(n.totalPercepciones)],
      ['TotalGravado', money(n.totalGravado)],
      ['TotalExento', money(n.totalExento)],
    ],
    n.percepciones.map((p) =>
      el('nomina12:Percepcion', [
        ['TipoPercepcion', p.tipo],
        ['Clave', p.clave],
        ['Concepto', p.concepto],
        ['ImporteGravado', money(p.gravado)],
        ['ImporteExento', money(p.exento)],
      ]),
    ),
  );
  const deducciones = el(
    'nomina12:Deducciones',
    [
      ['TotalOtrasDeducciones', n.totalOtrasDeducciones > 0 ? money(n.totalOtrasDeducciones) : undefined],
      [
        'TotalImpuestosRetenidos',
        n.totalImpuestosRetenidos > 0 ? money(n.totalImpuestosRetenidos) : undefined,
      ],
    ],
    n.deducciones.map((d) =>
      el('nomina12:Deduccion', [
        ['TipoDeduccion', d.tipo],
        ['Clave', d.clave],
        ['Concepto', d.concepto],
        ['Importe', money(d.importe)],
      ]),
    ),
  );
  const node = el(
    'nomina12:Nomina',
    [
      ['Version', '1.2'],
      ['TipoNomina', 'O'],
      ['FechaPago', formatDay(payDay)],
      ['FechaInicialPago', formatDay(periodStart)],
      ['FechaFinalPago', formatDay(payDay)],
      ['NumDiasPagados', n.days.toFixed(3)],
      ['TotalPercepciones', money(n.totalPercepciones)],
      ['TotalDeducciones', money(n.totalDeducciones)],
    ],
    [
      el('nomina12:Emisor', [
        ['RegistroPatronal', `Y${model.issuer.rfc.slice(3, 9)}10${model.issuer.rfc.slice(-2)}`],
      ]),
      receptor,
      percepciones,
      deducciones,
    ],
  );
  return {
    node,
    prefix: 'nomina12',
    namespace: 'http://www.sat.gob.mx/nomina12',
    schema: 'http://www.sat.gob.mx/nomina12 http://www.sat.gob.mx/sitio_internet/cfd/nomina/nomina12.xsd',
  };
}

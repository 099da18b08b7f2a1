import { z } from 'zod';
import {
  amountBoundSchema as amountBound,
  calendarDaySchema as day,
  decimalSchema,
  pageOf,
  queryNumber,
  rfcSchema,
  UUID_PATTERN,
} from '../primitives.js';
import { rfcParams } from './params.js';

/**
 * `/cfdi/:uuid`: a CFDI's folio fiscal, in any case. Only the 8-4-4-4-12 hex shape is checked, the
 * rule ingestion applies to the documents it stores (no RFC 4122 version or variant bits).
 */
export const cfdiParams = z.object({ uuid: z.string().regex(UUID_PATTERN, 'not a UUID') });

/** CFDI 4.0 `TipoDeComprobante`: ingreso, egreso, traslado, nómina, pago. */
export const cfdiTipos = ['I', 'E', 'T', 'N', 'P'] as const;
export type CfdiTipo = (typeof cfdiTipos)[number];

/** From the SAT metadata; `unknown` until a metadata line for the UUID arrives. */
export const cfdiStatuses = ['vigente', 'cancelado', 'unknown'] as const;
export type CfdiStatus = (typeof cfdiStatuses)[number];

const commonFilters = {
  rfc: rfcSchema
    .optional()
    .describe('The taxpayer; with `direction`, as emisor (issued) or receptor (received)'),
  direction: z.enum(['issued', 'received']).optional(),
  from: day.optional().describe('First day (issued_at), inclusive'),
  to: day.optional().describe('Last day (issued_at), inclusive'),
  counterpart: z
    .string()
    .trim()
    .min(1)
    .max(300)
    .optional()
    .describe('The other party: an RFC or part of its name'),
  minTotal: amountBound.optional(),
  maxTotal: amountBound.optional(),
  status: z.enum(cfdiStatuses).optional(),
  q: z
    .string()
    .trim()
    .min(1)
    .max(200)
    .optional()
    .describe(
      "One search box: a UUID (folio fiscal; any case, dashes optional) finds that CFDI; an RFC, the CFDI where it is emisor or receptor; a serie-folio (A-123, A 123, A123, or a bare folio 123; CFDI only, on metadata it is a name); anything else, part of the emisor's or receptor's name (case-insensitive; accents as typed)",
    ),
  sort: z.enum(['date', 'total']).default('date'),
  order: z.enum(['asc', 'desc']).default('desc'),
};

/** A CFDI search (the list and its CSV/XLSX export take the same filters). */
export const cfdiFilterQuery = z.object({
  ...commonFilters,
  tipo: z.enum(cfdiTipos).optional(),
  complemento: z
    .string()
    .regex(/^[A-Za-z0-9]{1,40}$/)
    .optional()
    .describe('A catalogue name such as pagos20, nomina12, cartaporte31'),
});
/** A metadata search: the same filters, `efecto` instead of `tipo`. */
/**
 * Most CFDI a ZIP of selected rows may name (`uuids`): a selection, not a search. 200 UUIDs are
 * 7.4 KB of query string, inside the 8 KB request line proxies accept by default (nginx) and
 * Node's 16 KB of headers; 1,000 (37 KB) answered 431 before reaching the route.
 */
export const CFDI_ZIP_MAX_SELECTED = 200;

/**
 * `GET /api/v1/cfdi/export.zip`: the explorer's filters, plus the selected rows (`uuids`, within
 * the search) and `pdf=true` for a PDF beside each XML.
 */
export const cfdiZipQuery = cfdiFilterQuery.extend({
  uuids: z
    .string()
    .max(37 * CFDI_ZIP_MAX_SELECTED)
    .transform((s) =>
      s
        .split(',')
        .map((u) => u.trim())
        .filter(Boolean),
    )
    .pipe(
      z
        .array(
          z
            .string()
            .regex(UUID_PATTERN, 'not a UUID')
            .transform((u) => u.toLowerCase()),
        )
        .min(1)
        .max(CFDI_ZIP_MAX_SELECTED),
    )
    .optional()
    .describe('Selected rows: comma-separated UUIDs (at most 200), combined with the filters'),
  pdf: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true')
    .describe('`true` adds the PDF representation beside each XML'),
});

export const metadataFilterQuery = z.object({
  ...commonFilters,
  efecto: z.string().trim().min(1).max(20).optional(),
  missingXml: z
    .enum(['true', 'false'])
    .optional()
    .transform((v) => (v === undefined ? undefined : v === 'true'))
    .describe(
      '`true`: only rows whose CFDI is not in the vault (no stored CFDI with that UUID) and that are not cancelled (the SAT serves no cancelled XML)',
    ),
});

// Larger pages than other lists: the explorer scrolls through thousands of rows.
const paging = {
  cursor: z.string().max(1000).optional(),
  limit: queryNumber().int().min(1).max(500).default(50),
};
/** `GET /api/v1/cfdi`. */
export const cfdiListQuery = cfdiFilterQuery.extend(paging);
/** `GET /api/v1/metadata`. */
export const metadataListQuery = metadataFilterQuery.extend(paging);

// Amounts are exact decimal strings as the document wrote them (at least two decimals), or null.
const money = decimalSchema.nullable();
const taxes = z.object({ isr: money, iva: money, ieps: money });

/** A CFDI as the explorer lists it. Times are the document's local time, ISO without zone. */
export const cfdiItem = z.object({
  uuid: z.string(),
  kind: z.string(),
  version: z.string(),
  tipo: z.string().nullable(),
  serie: z.string().nullable(),
  folio: z.string().nullable(),
  issuedAt: z.string().nullable(),
  certifiedAt: z.string().nullable(),
  emisorRfc: z.string().nullable(),
  emisorNombre: z.string().nullable(),
  receptorRfc: z.string().nullable(),
  receptorNombre: z.string().nullable(),
  moneda: z.string().nullable(),
  tipoCambio: money,
  subtotal: money,
  descuento: money,
  total: money,
  traslados: taxes,
  retenciones: taxes,
  metodoPago: z.string().nullable(),
  formaPago: z.string().nullable(),
  complementos: z.array(z.string()),
  status: z.string(),
  cancelledAt: z.string().nullable(),
  /**
   * A payment (tipo P, Pagos 1.0/2.0): the money its `Pago` nodes received, whose `total` is 0 and
   * `moneda` XXX by rule. `moneda` is null when the payments are in more than one currency.
   */
  paid: z.object({ total: money, moneda: z.string().nullable() }).nullable(),
});
export const cfdiPage = pageOf(cfdiItem);

/**
 * `GET /api/v1/cfdi/totals`: how many CFDI a search finds and what they add up to, in MXN (each
 * document's amounts times its exchange rate), without loading the rows. Cancelled CFDI are counted
 * apart and add nothing; `net` is income minus credit notes (tipo I − tipo E).
 */
const mxn = z.string().describe('Exact decimal, MXN');
export const cfdiTotalsGroup = z.object({
  tipo: z.string().nullable(),
  count: z.number().int(),
  subtotal: mxn,
  descuento: mxn,
  ivaTrasladado: mxn,
  ivaRetenido: mxn,
  total: mxn,
});
export const cfdiTotals = z.object({
  count: z.number().int(),
  cancelled: z.number().int(),
  byTipo: z.array(cfdiTotalsGroup),
  net: z.object({ subtotal: mxn, iva: mxn, total: mxn }),
});
export type CfdiTotals = z.output<typeof cfdiTotals>;

const nullableText = z.string().nullable();

/** One document a Pago settles (`DoctoRelacionado`, Pagos 1.0 and 2.0); amounts in its `moneda`. */
export const cfdiPaidDocument = z.object({
  uuid: nullableText.describe('IdDocumento, lower-case'),
  serie: nullableText,
  folio: nullableText,
  moneda: nullableText.describe('MonedaDR'),
  equivalencia: nullableText.describe('EquivalenciaDR (2.0) or TipoCambioDR (1.0)'),
  numParcialidad: nullableText,
  saldoAnterior: money.describe('ImpSaldoAnt'),
  importePagado: money.describe('ImpPagado'),
  saldoInsoluto: money.describe('ImpSaldoInsoluto'),
  /** That CFDI is in this organization's vault too: its detail can be opened. */
  inVault: z.boolean(),
});
/** One `Pago` of a payment CFDI (tipo P): the money received and the documents it settles. */
export const cfdiPayment = z.object({
  version: z.string().describe("Pagos complement version, '1.0' or '2.0'"),
  fechaPago: nullableText,
  formaPago: nullableText.describe('FormaDePagoP, a c_FormaPago code'),
  moneda: nullableText.describe('MonedaP'),
  tipoCambio: nullableText.describe('TipoCambioP'),
  monto: money,
  documents: z.array(cfdiPaidDocument),
});
/** A perception, deduction or other payment of a nómina. */
export const cfdiNominaLine = z.object({
  tipo: nullableText.describe('TipoPercepcion / TipoDeduccion / TipoOtroPago (catNomina)'),
  clave: nullableText.describe("The employer's own key"),
  concepto: nullableText,
  /** Percepciones: gravado + exento; deducciones and otros pagos: Importe. */
  importe: money,
  importeGravado: money,
  importeExento: money,
});
/**
 * The nómina complement(s) of a CFDI (nómina 1.2 and 1.1; several Nomina nodes are added up). Totals
 * are the document's own when it writes them, else the sum of its lines.
 */
export const cfdiNomina = z.object({
  version: nullableText,
  tipoNomina: nullableText.describe('c_TipoNomina: O ordinaria, E extraordinaria'),
  periodicidadPago: nullableText.describe("c_PeriodicidadPago, from the employee's Receptor"),
  fechaPago: nullableText,
  fechaInicialPago: nullableText,
  fechaFinalPago: nullableText,
  numDiasPagados: nullableText,
  totalPercepciones: money,
  totalDeducciones: money,
  totalOtrosPagos: money,
  percepciones: z.array(cfdiNominaLine),
  deducciones: z.array(cfdiNominaLine),
  otrosPagos: z.array(cfdiNominaLine),
  /** What the employee receives: percepciones + otros pagos − deducciones, exact. */
  neto: decimalSchema,
});
/** Which of the organization's taxpayers a CFDI belongs to, and on which side. */
export const cfdiTaxpayerSide = z.object({
  rfc: z.string(),
  direction: z.enum(['issued', 'received']),
});

/** `GET /api/v1/cfdi/:uuid`: the list's fields, the rest of the normalized ones, the whole document. */
export const cfdiDetail = cfdiItem.extend({
  rfcPac: z.string().nullable(),
  emisorRegimen: z.string().nullable(),
  receptorRegimen: z.string().nullable(),
  receptorUsoCfdi: z.string().nullable(),
  receptorDomicilio: z.string().nullable(),
  related: z.array(
    z.object({
      tipoRelacion: z.string().nullable(),
      uuids: z.array(z.string()),
      /** The related UUIDs that are in this organization's vault. */
      inVault: z.array(z.string()),
    }),
  ),
  /** Pagos 1.0/2.0: one entry per `Pago`; empty for other CFDI. */
  payments: z.array(cfdiPayment),
  nomina: cfdiNomina.nullable(),
  /**
   * The organization's taxpayer (an RFC it registered) this CFDI belongs to: as emisor (`issued`) or
   * receptor (`received`); a self-invoice is `issued`. Null when neither side is one of them.
   */
  taxpayer: cfdiTaxpayerSide.nullable(),
  hasXml: z.boolean(),
  ingestedAt: z.string(),
  document: z.unknown().describe('The whole CFDI as JSON (see the parsing README for the representation)'),
});

/** `POST /api/v1/cfdi/parse`: the largest document accepted (real CFDI are a few KB; addenda and Carta Porte stay under 1 MB). */
export const CFDI_PARSE_MAX_BYTES = 5 * 1024 * 1024;

/**
 * `POST /api/v1/cfdi/parse`: the XML itself (`application/xml` or `text/xml`, any encoding the
 * XML declaration or a BOM names), or JSON `{ "xml": "…" }`.
 */
export const cfdiParseBody = z.union([
  z.string().describe('The CFDI XML, sent as application/xml or text/xml'),
  z.object({ xml: z.string().min(1).describe('The CFDI XML as a JSON string') }),
]);

const text = z.string().nullable();
const exact = decimalSchema.nullable();
const taxBreakdown = z.object({ isr: decimalSchema, iva: decimalSchema, ieps: decimalSchema });
const party = { rfc: text, nombre: text, regimen: text };

/**
 * A parsed CFDI (4.0, 3.3, 3.2) or Retenciones (1.0, 2.0), nothing stored: the parser's normalized
 * fields (amounts exact decimal strings, RFCs upper-case, the UUID lower-case, dates as written)
 * and the whole document as JSON (ADR 0002: `{ "cfdi:Comprobante": { "@Version": "4.0", … } }`).
 */
export const parsedCfdi = z.object({
  kind: z.enum(['cfdi', 'retenciones']),
  version: z.string(),
  uuid: z.string(),
  tipo: z.enum(cfdiTipos).nullable(),
  serie: text,
  folio: text,
  fecha: text,
  fechaTimbrado: text,
  rfcPac: text,
  emisor: z.object(party),
  receptor: z.object({ ...party, usoCfdi: text, domicilioFiscal: text }),
  moneda: text,
  tipoCambio: exact,
  subtotal: exact,
  descuento: exact,
  total: exact,
  taxes: z.object({
    traslados: taxBreakdown,
    retenciones: taxBreakdown,
    totalTrasladados: exact,
    totalRetenidos: exact,
  }),
  metodoPago: text,
  formaPago: text,
  related: z.array(z.object({ tipoRelacion: text, uuids: z.array(z.string()) })),
  payments: z.array(
    z.object({
      version: z.string(),
      fechaPago: text,
      formaPago: text,
      moneda: text,
      tipoCambio: text,
      monto: text,
      documents: z.array(
        z.object({
          uuid: text,
          serie: text,
          folio: text,
          moneda: text,
          equivalencia: text,
          numParcialidad: text,
          saldoAnterior: text,
          importePagado: text,
          saldoInsoluto: text,
        }),
      ),
    }),
  ),
  nomina: z
    .object({
      version: text,
      tipoNomina: text,
      fechaPago: text,
      fechaInicialPago: text,
      fechaFinalPago: text,
      numDiasPagados: text,
      totalPercepciones: text,
      totalDeducciones: text,
      totalOtrosPagos: text,
    })
    .nullable(),
  retencion: z
    .object({
      claveRetencion: text,
      mesInicial: text,
      mesFinal: text,
      ejercicio: text,
      montoTotalGravado: text,
      montoTotalExento: text,
    })
    .nullable(),
  complementos: z.array(z.string()),
  document: z
    .record(z.string(), z.unknown())
    .describe('The whole document as JSON (see the parsing README for the representation)'),
});
export type ParsedCfdiDto = z.output<typeof parsedCfdi>;

/** A row of the SAT's metadata: what the SAT knows of a CFDI, stored or not. */
export const metadataItem = z.object({
  uuid: z.string(),
  emisorRfc: z.string().nullable(),
  emisorNombre: z.string().nullable(),
  receptorRfc: z.string().nullable(),
  receptorNombre: z.string().nullable(),
  rfcPac: z.string().nullable(),
  issuedAt: z.string().nullable(),
  certifiedAt: z.string().nullable(),
  monto: money,
  efecto: z.string().nullable(),
  status: z.string(),
  cancelledAt: z.string().nullable(),
  terceroRfc: z.string().nullable(),
  terceroNombre: z.string().nullable(),
  /** The CFDI of this row is stored too (same UUID): its detail and XML are available. */
  hasCfdi: z.boolean(),
});
export const metadataPage = pageOf(metadataItem);

/** `GET /api/v1/metadata/totals`: a metadata search counted, as `cfdiTotals` does for CFDI. */
export const metadataTotals = z.object({
  /** Rows not cancelled; `byEfecto` sums only these. */
  count: z.number().int(),
  cancelled: z.number().int(),
  /** Rows not cancelled whose CFDI is not in the vault (what `missingXml=true` lists). */
  missingXml: z.number().int(),
  byEfecto: z.array(
    z.object({ efecto: z.string().nullable(), count: z.number().int(), monto: decimalSchema }),
  ),
});

/** Longest reconciliation (months): two years side by side is what a contador compares. */
export const RECONCILIATION_MAX_MONTHS = 24;

/**
 * `GET /api/v1/metadata/reconciliation`: a taxpayer's months, by `year` (default: the current
 * Mexico City year) or by `from`/`to` (whole months around those days).
 */
export const metadataReconciliationQuery = z.object({
  rfc: rfcSchema,
  year: queryNumber().int().min(2000).max(2100).optional(),
  from: day.optional().describe('First day; its whole month is counted'),
  to: day.optional().describe('Last day; its whole month is counted'),
});
const reconciliationCounts = z.object({
  /** SAT metadata rows, cancelled included. */
  metadata: z.number().int(),
  cancelled: z.number().int(),
  /** Rows whose CFDI is in the vault (a stored CFDI with that UUID). */
  stored: z.number().int(),
  /** Not cancelled and not in the vault: what a folio request can still bring. */
  missing: z.number().int(),
});
export const metadataReconciliation = z.object({
  rfc: z.string(),
  /** The first and last day counted (whole months). */
  from: z.string(),
  to: z.string(),
  /** Every month of the range, oldest first, `YYYY-MM`; a self-invoice counts on both sides. */
  months: z.array(
    z.object({ month: z.string(), issued: reconciliationCounts, received: reconciliationCounts }),
  ),
  totals: z.object({ issued: reconciliationCounts, received: reconciliationCounts }),
});

/** `GET /api/v1/taxpayers/:rfc/summary`. */
export const taxpayerSummaryParams = rfcParams;
/** Without `year`, the latest year with data (the current Mexico City year when there is none). */
export const taxpayerSummaryQuery = z.object({ year: queryNumber().int().min(2000).max(2100).optional() });

const taxTotals = z.object({ isr: decimalSchema, iva: decimalSchema, ieps: decimalSchema });
/** One tipo and currency of one month and direction; cancelled CFDI are counted apart. */
export const summaryGroup = z.object({
  tipo: z.string().nullable(),
  moneda: z.string().nullable(),
  /** Documents not cancelled; every amount below sums only these. */
  count: z.number().int(),
  cancelled: z.number().int(),
  subtotal: decimalSchema,
  descuento: decimalSchema,
  traslados: taxTotals,
  retenciones: taxTotals,
  total: decimalSchema,
  /** total × TipoCambio (1 when absent), exact: lets a chart add up several currencies. */
  totalMxn: decimalSchema,
});
export const monthSummary = z.object({
  month: z.number().int(),
  issued: z.array(summaryGroup),
  received: z.array(summaryGroup),
});
/** Base (subtotal − descuento) and IVA trasladado, in MXN (× TipoCambio), exact. */
export const baseIva = z.object({ base: decimalSchema, iva: decimalSchema });
/**
 * What a chart draws for one month (or the year): income = issued ingresos minus issued credit
 * notes (tipo E), expenses = received ingresos minus received credit notes, each as base and IVA;
 * `creditNotes` are the tipo E amounts that were subtracted. Cancelled CFDI are left out.
 */
export const netSummary = z.object({
  income: baseIva,
  expenses: baseIva,
  creditNotes: z.object({ issued: baseIva, received: baseIva }),
});
/** A year of a taxpayer: twelve months, issued and received. */
export const yearSummary = z.object({
  rfc: z.string(),
  year: z.number().int(),
  /** Every year in which the taxpayer issued or received a stored CFDI, newest first. */
  yearsWithData: z.array(z.number().int()),
  months: z.array(monthSummary),
  /** Twelve entries, January first: credit notes netted, base and IVA apart. */
  net: z.array(netSummary.extend({ month: z.number().int() })),
  /** The year's sums of `net`. */
  netTotals: netSummary,
});

export type CfdiFilterQuery = z.input<typeof cfdiFilterQuery>;
export type CfdiZipQuery = z.input<typeof cfdiZipQuery>;
export type MetadataFilterQuery = z.input<typeof metadataFilterQuery>;
export type CfdiListQuery = z.input<typeof cfdiListQuery>;
export type MetadataListQuery = z.input<typeof metadataListQuery>;
export type CfdiItem = z.output<typeof cfdiItem>;
export type CfdiPage = z.output<typeof cfdiPage>;
export type CfdiDetail = z.output<typeof cfdiDetail>;
export type CfdiPayment = z.output<typeof cfdiPayment>;
export type CfdiPaidDocument = z.output<typeof cfdiPaidDocument>;
export type CfdiNomina = z.output<typeof cfdiNomina>;
export type CfdiNominaLine = z.output<typeof cfdiNominaLine>;
export type MetadataItem = z.output<typeof metadataItem>;
export type MetadataPage = z.output<typeof metadataPage>;
export type MetadataTotals = z.output<typeof metadataTotals>;
export type MetadataReconciliationQuery = z.input<typeof metadataReconciliationQuery>;
export type MetadataReconciliation = z.output<typeof metadataReconciliation>;
export type ReconciliationCounts = z.output<typeof reconciliationCounts>;
export type TaxpayerSummaryQuery = z.input<typeof taxpayerSummaryQuery>;
export type SummaryGroup = z.output<typeof summaryGroup>;
export type MonthSummary = z.output<typeof monthSummary>;
export type YearSummary = z.output<typeof yearSummary>;
export type NetSummary = z.output<typeof netSummary>;
export type BaseIva = z.output<typeof baseIva>;

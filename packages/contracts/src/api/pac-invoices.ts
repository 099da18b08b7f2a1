import { z } from 'zod';
import { DECIMAL_PATTERN, pageOf, pageQuery, rfcSchema } from '../primitives.js';

/**
 * Invoices the organization issues through its PAC (*Facturación*): what a person or an
 * integration sends, and what it becomes (draft → stamping → stamped | failed; cancellation
 * none → pending → accepted | rejected | expired).
 */
const amount = z.string().trim().regex(DECIMAL_PATTERN, 'an exact decimal, e.g. "1234.50"');
const rate = z
  .string()
  .trim()
  .regex(/^0(\.\d{1,6})?$|^1(\.0{1,6})?$/, 'a rate between 0 and 1, e.g. "0.160000"');
const cp = z
  .string()
  .trim()
  .regex(/^\d{5}$/, 'five digits');
const catalogKey = (digits: number) =>
  z
    .string()
    .trim()
    .regex(new RegExp(`^\\d{${digits}}$`), `${digits} digits`);

export const pacInvoiceTipos = ['I', 'E'] as const;
export const relationTypes = ['01', '03', '04', '07'] as const;

export const pacInvoiceTax = z.object({
  impuesto: z.enum(['001', '002', '003']),
  tipoFactor: z.enum(['Tasa', 'Exento']).default('Tasa'),
  /** Required unless exempt: "0.160000", "0.080000", "0.000000", "0.106667"… */
  tasa: rate.optional(),
});

export const pacInvoiceConcepto = z.object({
  claveProdServ: catalogKey(8),
  claveUnidad: z
    .string()
    .trim()
    .regex(/^[A-Z0-9]{1,3}$/, 'a c_ClaveUnidad key such as E48 or H87'),
  cantidad: amount,
  descripcion: z.string().trim().min(1).max(1000),
  valorUnitario: amount,
  descuento: amount.optional(),
  /** 01 not subject to tax, 02 subject (taxes required), 03 subject but not obliged. */
  objetoImp: z.enum(['01', '02', '03']).default('02'),
  traslados: z.array(pacInvoiceTax).max(5).default([]),
  retenciones: z.array(pacInvoiceTax).max(5).default([]),
});

export const pacInvoiceReceptor = z.object({
  rfc: rfcSchema,
  /** As registered at the SAT, without the capital regime ("S.A. de C.V."). */
  nombre: z.string().trim().min(1).max(300),
  regimenFiscal: catalogKey(3),
  codigoPostal: cp,
  usoCfdi: z
    .string()
    .trim()
    .regex(/^[A-Z]\d{2}$|^CP01$|^CN01$/, 'a c_UsoCFDI key such as G03'),
  email: z.email().optional(),
});

/** `POST /api/v1/pac/invoices`: validated here, stamped by a job. */
export const pacInvoiceCreateBody = z.object({
  /** A taxpayer of the organization, registered at the PAC as an issuer. */
  issuerRfc: rfcSchema,
  tipo: z.enum(pacInvoiceTipos).default('I'),
  serie: z.string().trim().min(1).max(25).optional(),
  receptor: pacInvoiceReceptor,
  metodoPago: z.enum(['PUE', 'PPD']).default('PUE'),
  formaPago: catalogKey(2),
  moneda: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[A-Z]{3}$/)
    .default('MXN'),
  tipoCambio: amount.optional(),
  conceptos: z.array(pacInvoiceConcepto).min(1).max(200),
  /** Credit notes (E) relate to invoices with 01 (discount) or 03 (return); 04 substitutes. */
  relacionados: z
    .object({ tipoRelacion: z.enum(relationTypes), uuids: z.array(z.guid()).min(1).max(50) })
    .optional(),
});
export type PacInvoiceCreateBody = z.output<typeof pacInvoiceCreateBody>;

export const pacInvoiceStatuses = ['draft', 'stamping', 'stamped', 'failed'] as const;
export const cancellationStatuses = [
  'none',
  'requested',
  'pending',
  'accepted',
  'rejected',
  'expired',
] as const;
export const cancelMotives = ['01', '02', '03', '04'] as const;

export const pacInvoiceView = z.object({
  id: z.string(),
  status: z.enum(pacInvoiceStatuses),
  tipo: z.enum(pacInvoiceTipos),
  issuerRfc: z.string(),
  receptor: z.object({ rfc: z.string(), nombre: z.string() }),
  uuid: z.string().nullable(),
  serie: z.string().nullable(),
  folio: z.string().nullable(),
  fecha: z.string(),
  moneda: z.string(),
  subtotal: z.string(),
  descuento: z.string(),
  trasladados: z.string(),
  retenidos: z.string(),
  total: z.string(),
  /** Why stamping failed (the PAC's or the SAT's code and words), or null. */
  error: z.object({ code: z.string().nullable(), message: z.string() }).nullable(),
  attempts: z.number().int(),
  cancellation: z.object({
    status: z.enum(cancellationStatuses),
    motivo: z.enum(cancelMotives).nullable(),
    folioSustitucion: z.string().nullable(),
    requestedAt: z.string().nullable(),
    resolvedAt: z.string().nullable(),
    error: z.string().nullable(),
  }),
  relacionados: z.object({ tipoRelacion: z.string(), uuids: z.array(z.string()) }).nullable(),
  createdAt: z.string(),
  stampedAt: z.string().nullable(),
  createdBy: z.string().nullable(),
});
export const pacInvoicePage = pageOf(pacInvoiceView);
export const pacInvoiceListQuery = pageQuery(50, 200).extend({
  status: z.enum(pacInvoiceStatuses).optional(),
});

/** `POST /api/v1/pac/invoices/:id/cancel` (motive 01 needs the substitute's UUID). */
export const pacCancelBody = z.object({
  motivo: z.enum(cancelMotives),
  folioSustitucion: z.guid().optional(),
});

export type PacInvoiceView = z.output<typeof pacInvoiceView>;

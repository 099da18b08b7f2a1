import { z } from 'zod';
import type { CfdiFilters, MetadataFilters, SortField, SortOrder, SortSpec } from './cfdi.search.sql.js';

const RFC = /^[A-ZÑ&]{3,4}[0-9]{6}[A-Z0-9]{3}$/;
const DECIMAL = /^\d{1,18}(\.\d{1,6})?$/;
const UUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

const rfc = z.string().trim().toUpperCase().regex(RFC, 'not an RFC (12 or 13 characters)');
const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'a date as YYYY-MM-DD')
  .refine(
    (v) =>
      !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v),
    'not a calendar date',
  );
const decimal = z.string().trim().regex(DECIMAL, 'an amount like 1160.00');

export const uuidParams = z.object({ uuid: z.string().regex(UUID, 'not a UUID') });
export const rfcParams = z.object({ rfc });

const common = {
  rfc: rfc.optional().describe('The taxpayer; with `direction`, as emisor (issued) or receptor (received)'),
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
  minTotal: decimal.optional(),
  maxTotal: decimal.optional(),
  status: z.enum(['vigente', 'cancelado', 'unknown']).optional(),
  q: z.string().trim().min(1).max(200).optional().describe("Part of the emisor's or receptor's name"),
  sort: z.enum(['date', 'total']).default('date'),
  order: z.enum(['asc', 'desc']).default('desc'),
};

export const cfdiFilterQuery = z.object({
  ...common,
  tipo: z.enum(['I', 'E', 'T', 'N', 'P']).optional(),
  complemento: z
    .string()
    .regex(/^[A-Za-z0-9]{1,40}$/)
    .optional()
    .describe('A catalogue name such as pagos20, nomina12, cartaporte31'),
});
export const metadataFilterQuery = z.object({
  ...common,
  efecto: z.string().trim().min(1).max(20).optional(),
});

const paging = {
  cursor: z.string().max(1000).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
};
export const cfdiListQuery = cfdiFilterQuery.extend(paging);
export const metadataListQuery = metadataFilterQuery.extend(paging);

/** Query → repository filters (undefined dropped) and sort. */
export function filtersOf(query: { sort: SortField; order: SortOrder } & Record<string, unknown>): {
  filters: CfdiFilters & MetadataFilters;
  sort: SortSpec;
} {
  const { sort, order, cursor: _cursor, limit: _limit, ...rest } = query;
  const filters: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(rest)) if (v !== undefined) filters[k] = v;
  return { filters: filters as CfdiFilters & MetadataFilters, sort: { field: sort, order } };
}

const money = z.string().nullable();
const taxes = z.object({ isr: money, iva: money, ieps: money });

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
});

export const cfdiDetail = cfdiItem.extend({
  rfcPac: z.string().nullable(),
  emisorRegimen: z.string().nullable(),
  receptorRegimen: z.string().nullable(),
  receptorUsoCfdi: z.string().nullable(),
  receptorDomicilio: z.string().nullable(),
  related: z.array(z.object({ tipoRelacion: z.string().nullable(), uuids: z.array(z.string()) })),
  payments: z.array(z.unknown()),
  nomina: z.record(z.string(), z.unknown()).nullable(),
  hasXml: z.boolean(),
  ingestedAt: z.string(),
  document: z.unknown().describe('The whole CFDI as JSON (see the parsing README for the representation)'),
});

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
  hasCfdi: z.boolean(),
});

const summaryGroup = z.object({
  tipo: z.string().nullable(),
  moneda: z.string().nullable(),
  count: z.number().int(),
  cancelled: z.number().int(),
  subtotal: z.string(),
  descuento: z.string(),
  traslados: z.object({ isr: z.string(), iva: z.string(), ieps: z.string() }),
  retenciones: z.object({ isr: z.string(), iva: z.string(), ieps: z.string() }),
  total: z.string(),
  totalMxn: z.string(),
});

export const summaryResponse = z.object({
  rfc: z.string(),
  year: z.number().int(),
  months: z.array(
    z.object({ month: z.number().int(), issued: z.array(summaryGroup), received: z.array(summaryGroup) }),
  ),
});

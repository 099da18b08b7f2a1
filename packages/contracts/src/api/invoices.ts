import { z } from 'zod';
import {
  fieldSources,
  invoiceConceptoSchema,
  invoiceFieldNames,
  invoicePreviewSchema,
  invoiceStatuses,
  invoiceTaxSchema,
} from '../invoices.js';
import {
  amountBoundSchema as amountBound,
  calendarDaySchema as day,
  pageOf,
  pageQuery,
  rfcSchema,
} from '../primitives.js';
import { idParams } from './params.js';

export const invoiceStatus = z.enum(invoiceStatuses);
/** How the values were read: a CFDI XML, a PDF's text layer, OCR of a scanned PDF or a photo. */
export const invoiceExtraction = z.enum(['xml', 'pdf-text', 'pdf-image', 'image']);
export const invoiceFileKind = z.enum(['xml', 'pdf', 'image']);

/** `/invoices/:id/files/:fileId`. */
export const invoiceFileParams = idParams.extend({ fileId: z.uuid() });

export const invoiceFileItem = z.object({
  id: z.string(),
  kind: invoiceFileKind,
  name: z.string(),
  mediaType: z.string(),
  size: z.number().int(),
  sha256: z.string(),
  createdAt: z.string(),
});

const failure = z.object({ code: z.string(), message: z.string() });

/** What the SAT's status service said about the CFDI (ConsultaCFDIService), when it was asked. */
export const invoiceSatStatus = z.object({
  estado: z.enum(['vigente', 'cancelado', 'no_encontrado']),
  cancelable: z.string().nullable(),
  cancellationStatus: z.string().nullable(),
  efosListed: z.boolean(),
  checkedAt: z.string(),
});

/** One row of the inbox list: the header values as they stand (final once processed). */
export const invoiceItem = z.object({
  id: z.string(),
  status: invoiceStatus,
  fileName: z.string(),
  extraction: invoiceExtraction.nullable(),
  uuid: z.string().nullable(),
  serie: z.string().nullable(),
  folio: z.string().nullable(),
  fecha: z.string().nullable(),
  emisorRfc: z.string().nullable(),
  emisorNombre: z.string().nullable(),
  receptorRfc: z.string().nullable(),
  receptorNombre: z.string().nullable(),
  total: z.string().nullable(),
  moneda: z.string().nullable(),
  /** Against the organization's taxpayers: issued when the emisor is one of them. */
  direction: z.enum(['issued', 'received']).nullable(),
  /** The UUID is in the vault (downloaded from the SAT or registered earlier). */
  inVault: z.boolean(),
  /** Another invoice of the inbox with the same file or the same UUID. */
  duplicateOf: z.string().nullable(),
  /** Fields whose confidence is under the review threshold (the web highlights them). */
  lowConfidenceFields: z.array(z.enum(invoiceFieldNames)),
  /** Codes of the organization's catalogue a person chose (expense category, accounting account). */
  category: z.string().nullable(),
  account: z.string().nullable(),
  failure: failure.nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const invoiceEdit = z.object({
  field: z.string(),
  from: z.string().nullable(),
  to: z.string().nullable(),
  by: z.string(),
  at: z.string(),
});

export const invoiceDetail = invoiceItem.extend({
  /** Increases on every change; send it back when editing or confirming. */
  version: z.number().int(),
  files: z.array(invoiceFileItem),
  preview: invoicePreviewSchema.nullable(),
  /** The values a person confirmed: flat field values, taxes and conceptos. */
  finalData: z
    .object({
      fields: z.partialRecord(z.enum(invoiceFieldNames), z.string().nullable()),
      taxes: z.array(invoiceTaxSchema),
      conceptos: z.array(invoiceConceptoSchema),
    })
    .nullable(),
  rejectionReason: z.string().nullable(),
  satStatus: invoiceSatStatus.nullable(),
  edits: z.array(invoiceEdit),
  processedAt: z.string().nullable(),
  processedBy: z.string().nullable(),
  /** The CFDI was registered in the vault when the invoice was confirmed (it had its XML). */
  registeredInVault: z.boolean(),
});

export const invoicePage = pageOf(invoiceItem);

/** `POST /api/v1/invoices`: one entry per uploaded file, in upload order. */
export const invoiceUploadResult = z.object({
  items: z.array(
    z.object({
      id: z.string(),
      fileName: z.string(),
      status: invoiceStatus,
      /** The same bytes were uploaded before: this is that invoice, nothing new was stored. */
      duplicate: z.boolean(),
      /** An XML and a PDF of one invoice (same file name) become one invoice with both files. */
      pairedWith: z.string().nullable(),
    }),
  ),
});

/** The inbox list's filters (the export takes the same). */
export const invoiceFilterQuery = z.object({
  status: invoiceStatus.optional(),
  from: day.optional().describe('First upload day (UTC), inclusive'),
  to: day.optional().describe('Last upload day (UTC), inclusive'),
  rfc: rfcSchema.optional().describe('Emisor or receptor'),
  minTotal: amountBound.optional(),
  maxTotal: amountBound.optional(),
  extraction: invoiceExtraction.optional(),
  /** Invoices with at least one field from this source (e.g. `ocr`, `person`). */
  source: z.enum(fieldSources).optional(),
  q: z.string().trim().min(1).max(200).optional().describe('Part of a name, folio, UUID or file name'),
});
export const invoiceListQuery = invoiceFilterQuery.extend(pageQuery(50, 200).shape);
export const invoiceExportQuery = invoiceFilterQuery.extend({
  format: z.enum(['csv', 'xlsx']).default('csv'),
});

/** `PATCH /api/v1/invoices/:id`: only what changes; a null clears a field. */
/** A catalogue code (category or account) chosen for the invoice; null clears it. */
const invoiceCatalogCode = z.string().trim().min(1).max(50).nullable();

export const invoiceEditBody = z.object({
  version: z.number().int().min(1),
  category: invoiceCatalogCode.optional(),
  account: invoiceCatalogCode.optional(),
  fields: z.partialRecord(z.enum(invoiceFieldNames), z.string().trim().max(500).nullable()).optional(),
  taxes: z.array(invoiceTaxSchema).max(50).optional(),
  conceptos: z.array(invoiceConceptoSchema).max(500).optional(),
});
export const invoiceConfirmBody = z.object({
  version: z.number().int().min(1),
  /** The category and account may be chosen on confirming (an active code of the catalogue). */
  category: invoiceCatalogCode.optional(),
  account: invoiceCatalogCode.optional(),
});
export const invoiceRejectBody = z.object({
  version: z.number().int().min(1),
  reason: z.string().trim().min(1).max(500),
});

export const invoiceSummary = z.object({
  counts: z.record(invoiceStatus, z.number().int()),
  total: z.number().int(),
});

/** `GET /api/v1/invoices/data`: what people confirmed, for an ERP or a spreadsheet. */
export const invoiceDataQuery = pageQuery(100, 500).extend({
  from: day.optional().describe('First processing day (UTC), inclusive'),
  to: day.optional().describe('Last processing day (UTC), inclusive'),
});
export const invoiceDataItem = z.object({
  id: z.string(),
  processedAt: z.string(),
  fields: z.partialRecord(z.enum(invoiceFieldNames), z.string().nullable()),
  taxes: z.array(invoiceTaxSchema),
  conceptos: z.array(invoiceConceptoSchema),
  direction: z.enum(['issued', 'received']).nullable(),
  category: z.string().nullable(),
  account: z.string().nullable(),
});
export const invoiceDataPage = pageOf(invoiceDataItem);

export type InvoiceItem = z.output<typeof invoiceItem>;
export type InvoiceDetail = z.output<typeof invoiceDetail>;
export type InvoiceUploadResult = z.output<typeof invoiceUploadResult>;

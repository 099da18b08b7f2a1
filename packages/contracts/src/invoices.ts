import { z } from 'zod';

/**
 * The invoice inbox's vocabulary: what an uploaded invoice's preview holds and where each value came
 * from. Shared by the extraction pipeline, the API and the web's validation view.
 */

/** `processing` → `waiting_validation` → `processed` | `rejected`; `failed` when extraction gave up. */
export const invoiceStatuses = [
  'processing',
  'waiting_validation',
  'processed',
  'rejected',
  'failed',
] as const;
export type InvoiceStatus = (typeof invoiceStatuses)[number];

/**
 * Where a value came from, most to least trusted: the CFDI's XML, the vault's copy of the same CFDI
 * (`sat`), the QR of the printed representation, the PDF's text layer, OCR, the optional LLM, or a
 * person who edited it.
 */
export const fieldSources = ['xml', 'sat', 'qr', 'text', 'ocr', 'llm', 'person'] as const;
export type FieldSource = (typeof fieldSources)[number];

/** The header fields of a preview, named as the CFDI's attributes read in English-friendly camelCase. */
export const invoiceFieldNames = [
  'uuid',
  'serie',
  'folio',
  'fecha',
  'tipoDeComprobante',
  'emisorRfc',
  'emisorNombre',
  'receptorRfc',
  'receptorNombre',
  'usoCfdi',
  'moneda',
  'tipoCambio',
  'subtotal',
  'descuento',
  'totalTraslados',
  'totalRetenciones',
  'total',
  'metodoPago',
  'formaPago',
] as const;
export type InvoiceFieldName = (typeof invoiceFieldNames)[number];

/** Fields a person must see filled and agreeing before an invoice can be auto-trusted. */
export const criticalInvoiceFields = ['uuid', 'emisorRfc', 'receptorRfc', 'total'] as const;

export const extractedFieldSchema = z.object({
  /** As printed or stored: decimals as exact strings ("1160.00"), dates as ISO local date-time. */
  value: z.string().nullable(),
  source: z.enum(fieldSources),
  /** 0–1: the source's prior, raised by agreeing sources and lowered by failed checks. */
  confidence: z.number().min(0).max(1),
});
export type ExtractedField = z.infer<typeof extractedFieldSchema>;

export const invoiceTaxSchema = z.object({
  kind: z.enum(['traslado', 'retencion']),
  /** SAT catalogue c_Impuesto: 001 ISR, 002 IVA, 003 IEPS. */
  impuesto: z.enum(['001', '002', '003']),
  /** Rate as a decimal fraction ("0.160000"); null for a fixed quota or when not printed. */
  tasa: z.string().nullable(),
  importe: z.string(),
});
export type InvoiceTax = z.infer<typeof invoiceTaxSchema>;

export const invoiceConceptoSchema = z.object({
  claveProdServ: z.string().nullable(),
  cantidad: z.string().nullable(),
  claveUnidad: z.string().nullable(),
  descripcion: z.string(),
  valorUnitario: z.string().nullable(),
  importe: z.string().nullable(),
  descuento: z.string().nullable(),
});
export type InvoiceConcepto = z.infer<typeof invoiceConceptoSchema>;

const listOf = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), source: z.enum(fieldSources), confidence: z.number().min(0).max(1) });

/** The codes of the checks the pipeline runs; the web has a text for each (and for its params). */
export const invoiceCheckCodes = [
  'UUID_FORMAT',
  'RFC_FORMAT',
  'FECHA_RANGE',
  'TOTAL_ARITHMETIC',
  'QR_MATCHES_TEXT',
  'UUID_MISSING',
  'DUPLICATE_IN_INBOX',
  'LLM_UNAVAILABLE',
  'LLM_VALUES_REFUSED',
  'LLM_DISAGREES',
  'LLM_KIND_NOT_ALLOWED',
  'LLM_MONTHLY_CAP_REACHED',
  'LLM_PLAN_QUOTA_REACHED',
  'OCR_PLAN_QUOTA_REACHED',
] as const;
export type InvoiceCheckCode = (typeof invoiceCheckCodes)[number];

/** One check the pipeline ran: format, arithmetic, agreement between sources. */
export const invoiceCheckSchema = z.object({
  code: z.string(),
  ok: z.boolean(),
  /** English; the web shows its own Spanish text for the code. */
  message: z.string(),
  fields: z.array(z.enum(invoiceFieldNames)),
  /**
   * The values the check compared (`value`, `expected`, `printed`, `qr`, `invoiceId`, `refused`…),
   * so the web can say them in Spanish; absent on checks stored before it existed.
   */
  params: z.record(z.string(), z.union([z.string(), z.number(), z.array(z.string())])).optional(),
});
export type InvoiceCheck = z.infer<typeof invoiceCheckSchema>;

export const invoicePreviewSchema = z.object({
  fields: z.partialRecord(z.enum(invoiceFieldNames), extractedFieldSchema),
  taxes: listOf(invoiceTaxSchema),
  conceptos: listOf(invoiceConceptoSchema),
  checks: z.array(invoiceCheckSchema),
});
export type InvoicePreview = z.infer<typeof invoicePreviewSchema>;

/**
 * Why extraction gave up on a file (`failed`): a code the web turns into Spanish and the API
 * returns with its English message. Stable: integrators branch on them.
 */
export const invoiceFailureTexts = {
  EMPTY_FILE: { es: 'El archivo está vacío.', en: 'The file is empty.' },
  UNSUPPORTED_TYPE: {
    es: 'El contenido del archivo no es PDF, JPG, PNG ni XML de un CFDI.',
    en: 'The file content is not a PDF, JPG, PNG or CFDI XML.',
  },
  PDF_ENCRYPTED: {
    es: 'El PDF está protegido con contraseña. Sube una copia sin protección.',
    en: 'The PDF is password-protected. Upload an unprotected copy.',
  },
  PDF_TOO_MANY_PAGES: {
    es: 'El PDF tiene demasiadas páginas para ser una factura.',
    en: 'The PDF has too many pages to be an invoice.',
  },
  PDF_UNREADABLE: { es: 'El PDF está dañado o no se puede leer.', en: 'The PDF is damaged or unreadable.' },
  IMAGE_TOO_LARGE: {
    es: 'La imagen es demasiado grande (en píxeles). Sube una foto de menor resolución.',
    en: 'The image is too large (in pixels). Upload a lower-resolution photo.',
  },
  IMAGE_UNREADABLE: {
    es: 'La imagen está dañada o no se puede leer.',
    en: 'The image is damaged or unreadable.',
  },
  XML_NOT_CFDI: {
    es: 'El XML no es un CFDI timbrado válido.',
    en: 'The XML is not a valid stamped CFDI.',
  },
  EXTRACTION_TIMEOUT: {
    es: 'La lectura del documento tardó demasiado. Reintenta o captura los datos a mano.',
    en: 'Reading the document took too long. Retry or enter the data by hand.',
  },
  EXTRACTION_FAILED: {
    es: 'No se pudo leer el documento. Reintenta más tarde.',
    en: 'The document could not be read. Retry later.',
  },
} as const satisfies Record<string, { es: string; en: string }>;
export type InvoiceFailureCode = keyof typeof invoiceFailureTexts;
export const invoiceFailureCodes = Object.keys(invoiceFailureTexts) as InvoiceFailureCode[];

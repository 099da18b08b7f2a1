import { type InvoiceFieldName, invoiceFieldNames } from '@boveda/contracts';
import { z } from 'zod';

/**
 * What the model is asked for: the CFDI header fields of a preview, each defined in Spanish with the
 * labels printed representations use (docs/inbox-extraction.md §4.2). Taxes and line items are left
 * to the deterministic reading and to the person validating.
 */
export const FIELD_DEFINITIONS: Record<InvoiceFieldName, string> = {
  uuid: 'Folio fiscal (UUID) del timbre: "Folio fiscal", "UUID". 8-4-4-4-12 caracteres hexadecimales. No confundir con el UUID de un CFDI relacionado.',
  serie: 'Serie del comprobante: "Serie".',
  folio: 'Folio interno del emisor: "Folio" (no el folio fiscal).',
  fecha:
    'Fecha de emisión: "Fecha", "Fecha de emisión", "Lugar y fecha de expedición". Formato AAAA-MM-DDTHH:MM:SS; null si no se imprimió la hora completa.',
  tipoDeComprobante:
    'Tipo de comprobante: "Tipo de comprobante", "Efecto del comprobante". Solo la clave: I, E, T, N o P.',
  emisorRfc: 'RFC del emisor: "RFC emisor", el RFC junto al nombre del emisor. 12 o 13 caracteres.',
  emisorNombre: 'Nombre o razón social del emisor: "Emisor", "Nombre emisor".',
  receptorRfc: 'RFC del receptor: "RFC receptor", "Cliente", el RFC junto al nombre del receptor.',
  receptorNombre: 'Nombre o razón social del receptor: "Receptor", "Nombre receptor", "Cliente".',
  usoCfdi: 'Uso del CFDI: "Uso CFDI". Solo la clave (p. ej. G03, S01, CP01).',
  moneda: 'Moneda: "Moneda". Código ISO 4217 de tres letras (MXN, USD…).',
  tipoCambio: 'Tipo de cambio: "Tipo de cambio", "T.C.". Número sin separadores de miles.',
  subtotal: 'Subtotal: "Subtotal", "Sub-total". Número sin "$" ni separadores de miles (p. ej. 1000.00).',
  descuento: 'Descuento total: "Descuento". Número sin "$" ni separadores de miles.',
  totalTraslados: 'Total de impuestos trasladados: "Total impuestos trasladados", "IVA 16%", "IVA". Número.',
  totalRetenciones:
    'Total de impuestos retenidos: "Total impuestos retenidos", "Retención ISR", "Retención IVA". Número.',
  total: 'Total: "Total", "Importe total", "Total a pagar". Número sin "$" ni separadores de miles.',
  metodoPago: 'Método de pago: "Método de pago". Solo la clave: PUE o PPD.',
  formaPago:
    'Forma de pago: "Forma de pago". Solo la clave de dos dígitos (01 efectivo, 03 transferencia, 99 por definir…).',
};

/**
 * The strict JSON schema sent as `response_format` (OpenAI strict mode, the common subset Ollama
 * and vLLM honour too): every property required, absence as `null`, no other properties, and no
 * numeric or length constraints.
 */
export const answerJsonSchema = {
  type: 'object',
  properties: Object.fromEntries(invoiceFieldNames.map((name) => [name, { type: ['string', 'null'] }])),
  required: [...invoiceFieldNames],
  additionalProperties: false,
} as const;

export const ANSWER_SCHEMA_NAME = 'cfdi_encabezado';

/**
 * The answer, validated again on our side: a model (or whatever answers at that URL) may ignore the
 * schema. Extra properties refuse the whole answer (an omitted one counts as null); each value is
 * then checked on its own.
 */
export const answerSchema = z.strictObject(
  Object.fromEntries(invoiceFieldNames.map((name) => [name, z.string().max(300).nullish()])) as Record<
    InvoiceFieldName,
    z.ZodOptional<z.ZodNullable<z.ZodString>>
  >,
);
export type LlmAnswer = z.infer<typeof answerSchema>;

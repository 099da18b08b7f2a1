import { z } from 'zod';
import { invoiceFieldNames } from '../invoices.js';
import { pageOf } from '../primitives.js';

/**
 * Suggestions on an invoice waiting for validation, learned from what people confirmed for the
 * same supplier (RFC) in the organization: the usual category and account, uso CFDI, forma and
 * método de pago, and the corrections people keep making to a read value.
 */
export const suggestionKinds = [
  'category',
  'account',
  'usoCfdi',
  'formaPago',
  'metodoPago',
  'correction',
] as const;
export const suggestionKind = z.enum(suggestionKinds);
export type SuggestionKind = z.infer<typeof suggestionKind>;

/** Who proposed it: the offline rules over confirmed invoices, or (later) the optional LLM. */
export const suggestionSource = z.enum(['rules', 'llm']);
export const suggestionStatus = z.enum(['offered', 'accepted', 'dismissed']);

/** What a suggestion fills: the invoice's category or account, or one header field. */
export const suggestionField = z.enum(['category', 'account', ...invoiceFieldNames]);
export type SuggestionField = z.infer<typeof suggestionField>;

export const invoiceSuggestion = z.object({
  id: z.string(),
  kind: suggestionKind,
  field: suggestionField,
  value: z.string(),
  /** The catalogue name of a category or account ("Viáticos"); null for other fields. */
  label: z.string().nullable(),
  /** The value the invoice has now (what accepting replaces). */
  current: z.string().nullable(),
  source: suggestionSource,
  /**
   * `rules`: `matching` of the supplier's last `of` confirmed invoices had this value (or this
   * correction). `llm`: 0 of 0, and `model` names the model that proposed it.
   */
  evidence: z.object({
    matching: z.number().int(),
    of: z.number().int(),
    model: z.string().nullable().optional(),
  }),
  status: suggestionStatus,
  createdAt: z.string(),
});
export type InvoiceSuggestion = z.infer<typeof invoiceSuggestion>;
/** Every suggestion still open for the invoice (never paged: a handful at most). */
export const invoiceSuggestionPage = pageOf(invoiceSuggestion);

export const suggestionParams = z.object({ id: z.uuid(), suggestionId: z.uuid() });
export const suggestionAcceptBody = z.object({ version: z.number().int().min(1) });

const counts = z.object({
  offered: z.number().int(),
  accepted: z.number().int(),
  dismissed: z.number().int(),
});
export const suggestionStats = z.object({
  items: z.array(counts.extend({ kind: suggestionKind })),
  totals: counts,
  /** The same totals per source: the offline rules apart from the optional model's proposals. */
  bySource: z.object({ rules: counts, llm: counts }),
  /** accepted / (accepted + dismissed); null before any decision. */
  acceptanceRate: z.number().nullable(),
});
export type SuggestionStats = z.infer<typeof suggestionStats>;

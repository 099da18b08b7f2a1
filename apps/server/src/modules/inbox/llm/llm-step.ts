import {
  criticalInvoiceFields,
  type InvoiceCheck,
  type InvoiceFieldName,
  type InvoicePreview,
  invoiceFieldNames,
} from '@boveda/contracts';
import type { Reader } from '../../../platform/crypto/index.js';
import type { Logger } from '../../../platform/logging/index.js';
import type { AiGateway, LlmProvider } from '../../ai/index.js';
import { REVIEW_THRESHOLD } from '../preview.js';
import { type LlmClient, LlmError, type LlmUsage } from './client.js';
import { answerSchema } from './fields.js';
import { mergeLlmAnswer } from './merge.js';
import { buildPrompt } from './prompt.js';

/**
 * Fields every CFDI prints: one of them missing (or any value under the review threshold) is what
 * makes the LLM worth asking. Serie, folio, descuento, tipo de cambio, retenciones are often absent
 * on a correct invoice, so their absence alone does not.
 */
const EXPECTED: readonly InvoiceFieldName[] = [
  ...criticalInvoiceFields,
  'fecha',
  'tipoDeComprobante',
  'emisorNombre',
  'receptorNombre',
  'subtotal',
  'moneda',
];

// Fewer characters than this is no invoice text (an OCR of a blank page, a logo).
const MIN_TEXT_CHARS = 20;

export interface LlmSuggestInput {
  tenantId: string;
  invoiceId: string;
  /** Who the provider's key is opened for (the extraction job's run). */
  reader: Reader;
  extraction: 'xml' | 'pdf-text' | 'pdf-image' | 'image';
  preview: InvoicePreview;
  text?: string | undefined;
}

/** Whether the deterministic reading left something the LLM could fill. */
export function needsLlm(input: LlmSuggestInput): boolean {
  if (input.extraction === 'xml') return false;
  if (!input.text || input.text.trim().length < MIN_TEXT_CHARS) return false;
  const { fields } = input.preview;
  if (EXPECTED.some((name) => fields[name]?.value == null)) return true;
  return invoiceFieldNames.some((name) => {
    const f = fields[name];
    return f?.value != null && f.confidence < REVIEW_THRESHOLD;
  });
}

const unavailable = (code: string): InvoiceCheck => ({
  code: 'LLM_UNAVAILABLE',
  ok: false,
  message: `The LLM gave no usable answer (${code}); the values are the deterministic reading's.`,
  fields: [],
  params: { reason: code },
});

/**
 * The organization's settings left the model out for this document (ai module): the invoice says
 * why, so a person knows the values are the deterministic reading's alone.
 */
const skipped = (reason: 'kind_not_allowed' | 'cap_reached' | 'plan_quota_reached'): InvoiceCheck =>
  reason === 'plan_quota_reached'
    ? {
        code: 'LLM_PLAN_QUOTA_REACHED',
        ok: false,
        message: "The organization's plan has no LLM tokens left this month; the LLM was not asked.",
        fields: [],
      }
    : reason === 'kind_not_allowed'
      ? {
          code: 'LLM_KIND_NOT_ALLOWED',
          ok: false,
          message: "The organization's AI settings do not allow sending this kind of document to the LLM.",
          fields: [],
        }
      : {
          code: 'LLM_MONTHLY_CAP_REACHED',
          ok: false,
          message: "The organization's monthly AI cap is reached; the LLM was not asked.",
          fields: [],
        };

/**
 * The optional LLM step of `inbox.extract`: asks the model for the header fields the deterministic
 * reading left empty or unsure and merges what validates (llm/merge.ts). Never throws for the
 * model's sake: a timeout, an HTTP error or an invalid answer leaves the preview as it was, plus a
 * failed `LLM_UNAVAILABLE` check, and a warning in the log without the document or the key.
 */
export function createLlmStep(deps: {
  /** Whether and where to ask, per organization (its AI settings, else the instance default). */
  gateway: AiGateway;
  clientFor: (provider: LlmProvider) => LlmClient;
  logger: Logger;
  now?: () => Date;
}) {
  return {
    async suggest(input: LlmSuggestInput): Promise<InvoicePreview> {
      if (!needsLlm(input) || input.extraction === 'xml') return input.preview;
      const build = (systemTemplate?: string) =>
        buildPrompt({
          text: input.text!,
          preview: input.preview,
          knownMinConfidence: REVIEW_THRESHOLD,
          systemTemplate,
        });
      // About 4 characters a token (the default prompt's length stands for the organization's):
      // reserved against the organization's cap before the call.
      const estimatedInputTokens = Math.ceil(build().reduce((n, m) => n + m.content.length, 0) / 4);
      const decision = await deps.gateway.decide(input.tenantId, input.extraction, input.reader, {
        estimatedInputTokens,
      });
      if (!decision.use) {
        // Off: never sent, and the invoice reads as it did before there was an LLM.
        if (decision.reason === 'off') return input.preview;
        deps.logger.info({ invoiceId: input.invoiceId, reason: decision.reason }, 'LLM step skipped');
        return { ...input.preview, checks: [...input.preview.checks, skipped(decision.reason)] };
      }
      const messages = decision.promptTemplate ? build(decision.promptTemplate) : build();
      let answer: ReturnType<typeof answerSchema.parse>;
      let usage: LlmUsage | null = null;
      try {
        const result = await deps.clientFor(decision.provider).complete(messages);
        usage = result.usage;
        const parsed = answerSchema.safeParse(result.answer);
        if (!parsed.success) throw new LlmError('LLM_INVALID_ANSWER', 'the answer does not match the schema');
        answer = parsed.data;
      } catch (error) {
        await decision.record(usage ?? (error instanceof LlmError ? (error.usage ?? null) : null));
        const code = error instanceof LlmError ? error.code : 'LLM_FAILED';
        // Only the code and our own message: never the document text, the answer or the key.
        deps.logger.warn(
          { invoiceId: input.invoiceId, code, reason: error instanceof LlmError ? error.message : undefined },
          'LLM suggestion failed; the invoice keeps the deterministic reading',
        );
        return { ...input.preview, checks: [...input.preview.checks, unavailable(code)] };
      }
      await decision.record(usage);
      const merged = mergeLlmAnswer(input.preview, answer, { text: input.text!, now: deps.now?.() });
      deps.logger.info(
        {
          invoiceId: input.invoiceId,
          filled: merged.filled,
          confirmed: merged.confirmed,
          refused: merged.refused,
        },
        'LLM suggestion merged',
      );
      if (merged.refused.length === 0) return merged.preview;
      return {
        ...merged.preview,
        checks: [
          ...merged.preview.checks,
          {
            code: 'LLM_VALUES_REFUSED',
            ok: false,
            message: `The LLM's answer for ${merged.refused.join(', ')} is not a valid value or not printed in the document; it was ignored.`,
            fields: [],
            params: { refused: [...merged.refused] },
          },
        ],
      };
    },
  };
}

export type LlmStep = ReturnType<typeof createLlmStep>;

import { type InvoiceFieldName, invoiceFieldNames } from '@boveda/contracts';
import type { Db } from '../../../platform/db/client.js';
import type { Logger } from '../../../platform/logging/index.js';
import type { ObjectStore } from '../../../platform/storage/index.js';
import type {
  AiGateway,
  AiTrialFieldResult,
  LlmProvider,
  PromptTrialDocuments,
  PromptTrialOutcome,
} from '../../ai/index.js';
import type { Quotas } from '../../plans/index.js';
import { KIND_OF_MEDIA, primaryOf } from '../extraction-step.js';
import type { InvoiceExtractor } from '../inbox.ports.js';
import { createInboxRepository, type InvoiceRow } from '../inbox.repository.js';
import { REVIEW_THRESHOLD } from '../preview.js';
import { type LlmClient, LlmError, type LlmUsage } from './client.js';
import { answerSchema } from './fields.js';
import { isGrounded, normalizeLlmValue } from './merge.js';
import { buildPrompt } from './prompt.js';

/** The value the invoice has now: what a person confirmed, else what the reading left. */
const currentOf = (row: InvoiceRow, name: InvoiceFieldName): string | null =>
  row.finalData ? (row.finalData.fields[name] ?? null) : (row.preview?.fields[name]?.value ?? null);

const failed = (
  code: Extract<PromptTrialOutcome, { ok: false }>['code'],
  more: Partial<Extract<PromptTrialOutcome, { ok: false }>> = {},
): PromptTrialOutcome => ({
  ok: false,
  code,
  model: null,
  latencyMs: null,
  inputTokens: null,
  outputTokens: null,
  ...more,
});

/**
 * The inbox's side of "Probar con un documento" (the ai module owns the trial): the stored file read
 * again on the extraction thread (the text is never stored), the draft rendered by the same
 * `buildPrompt`, the call let through and metered by `AiGateway.decide`, and every answered field
 * judged as the merge would (well-formed and printed in the text) — but shown, not merged: the
 * invoice is never changed by a trial.
 */
export function createPromptTrialDocuments(deps: {
  db: Db;
  storage: ObjectStore;
  extractor: InvoiceExtractor;
  gateway: AiGateway;
  clientFor: (provider: LlmProvider) => LlmClient;
  logger: Logger;
  /** The organization's plan: a trial's OCR pages count as the extraction's do. */
  quotas?: Pick<Quotas, 'hasRoom' | 'record'>;
}): PromptTrialDocuments {
  const repo = createInboxRepository(deps.db);
  return {
    async readingOf(tenantId, invoiceId) {
      const row = await repo.get(tenantId, invoiceId);
      return row ? { kind: row.extraction ?? null } : undefined;
    },

    async run({ tenantId, invoiceId, kind, template, reader }) {
      const row = await repo.get(tenantId, invoiceId);
      const primary = row ? primaryOf(await repo.files(tenantId, invoiceId)) : undefined;
      const fileKind = primary ? KIND_OF_MEDIA[primary.mediaType] : undefined;
      if (!row || !primary || !fileKind || row.extraction !== kind)
        return failed('AI_TRIAL_DOCUMENT_UNREADABLE');
      const ocr = !deps.quotas || (await deps.quotas.hasRoom(tenantId, 'ocrPages'));
      const outcome = await deps.extractor
        .extract({ bytes: await deps.storage.getBuffer(primary.storageKey), kind: fileKind, ocr })
        .catch(() => null);
      if (outcome?.ok && outcome.ocrPages) await deps.quotas?.record(tenantId, 'ocrPages', outcome.ocrPages);
      if (!outcome?.ok || !outcome.text?.trim()) return failed('AI_TRIAL_DOCUMENT_UNREADABLE');
      const text = outcome.text;
      const messages = buildPrompt({
        text,
        preview: outcome.preview,
        knownMinConfidence: REVIEW_THRESHOLD,
        systemTemplate: template,
      });
      // About 4 characters a token, as the extraction estimates: reserved against the cap first.
      const estimatedInputTokens = Math.ceil(messages.reduce((n, m) => n + m.content.length, 0) / 4);
      const decision = await deps.gateway.decide(tenantId, kind, reader, { estimatedInputTokens });
      if (!decision.use) {
        return failed(
          decision.reason === 'off'
            ? 'AI_DISABLED'
            : decision.reason === 'kind_not_allowed'
              ? 'AI_KIND_NOT_ALLOWED'
              : decision.reason === 'plan_quota_reached'
                ? 'LLM_PLAN_QUOTA_REACHED'
                : 'AI_MONTHLY_CAP_REACHED',
        );
      }
      const model = decision.provider.model;
      const started = performance.now();
      let usage: LlmUsage | null = null;
      try {
        const result = await deps.clientFor(decision.provider).complete(messages);
        usage = result.usage;
        const latencyMs = Math.round(performance.now() - started);
        await decision.record(usage);
        const parsed = answerSchema.safeParse(result.answer);
        if (!parsed.success) return failed('LLM_INVALID_ANSWER', { model, latencyMs, ...usage });
        const fields: AiTrialFieldResult[] = invoiceFieldNames.map((name) => {
          const raw = parsed.data[name] ?? null;
          const value = raw === null ? null : normalizeLlmValue(name, raw);
          return {
            field: name,
            current: currentOf(row, name),
            trial: value ?? raw,
            refused: raw !== null && (value === null || !isGrounded(name, value, text)),
          };
        });
        return { ok: true, model, latencyMs, ...usage, fields };
      } catch (error) {
        if (!(error instanceof LlmError)) throw error;
        const latencyMs = Math.round(performance.now() - started);
        usage ??= error.usage ?? null;
        await decision.record(usage);
        // The code only: never the document text, the answer or the key.
        deps.logger.warn({ invoiceId, code: error.code, reason: error.message }, 'AI prompt trial failed');
        return failed(error.code, {
          model,
          latencyMs,
          inputTokens: usage?.inputTokens ?? null,
          outputTokens: usage?.outputTokens ?? null,
        });
      }
    },
  };
}

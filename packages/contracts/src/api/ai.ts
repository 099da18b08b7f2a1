import { z } from 'zod';
import { invoiceFieldNames } from '../invoices.js';
import { decimalSchema } from '../primitives.js';

/**
 * The organization's AI settings (`/api/v1/ai/...`): an OpenAI-compatible provider the inbox's
 * optional LLM step uses, which document kinds may be sent, prices the admin enters and a monthly
 * cap. The API key is write-only: it is stored sealed and only "configured" and its last 4
 * characters are ever shown.
 */

/** Inbox readings whose text may be sent to the model (an XML is exact: it never needs it). */
export const aiDocumentKinds = ['pdf-text', 'pdf-image', 'image'] as const;
export const aiDocumentKind = z.enum(aiDocumentKinds);
export type AiDocumentKind = z.infer<typeof aiDocumentKind>;

/** The currency the admin's prices (and so every estimated cost) are in. */
export const aiCurrencies = ['MXN', 'USD'] as const;
export const aiCurrency = z.enum(aiCurrencies);

const price = decimalSchema
  .refine((v) => !v.startsWith('-'), 'not negative')
  .refine((v) => v.length <= 16, 'at most 16 characters');

/** A monthly cap: total tokens (input + output) or estimated cost in the settings' currency. */
export const aiMonthlyCap = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('tokens'), value: z.string().regex(/^[1-9]\d{0,14}$/, 'a positive integer') }),
  z.object({ kind: z.literal('cost'), value: price.refine((v) => Number(v) > 0, 'greater than 0') }),
]);

/** `PUT /api/v1/ai/settings`: the whole settings; `apiKey` absent keeps the stored key, null forgets it. */
export const aiSettingsBody = z.object({
  enabled: z.boolean(),
  baseUrl: z
    .url({ protocol: /^https?$/ })
    .max(500)
    .nullable(),
  model: z.string().trim().min(1).max(200).nullable(),
  apiKey: z.string().trim().min(1).max(500).nullish(),
  allowedKinds: z.array(aiDocumentKind).max(3).default([]),
  timeoutMs: z.number().int().min(1000).max(300_000).default(60_000),
  currency: aiCurrency.default('USD'),
  inputPricePerMillion: price.default('0'),
  outputPricePerMillion: price.default('0'),
  monthlyCap: aiMonthlyCap.nullable().default(null),
});

export const aiSettingsView = z.object({
  /** `organization`: its own settings; `instance`: the server's INBOX_LLM_* default; `none`: off. */
  source: z.enum(['organization', 'instance', 'none']),
  enabled: z.boolean(),
  baseUrl: z.string().nullable(),
  model: z.string().nullable(),
  apiKeyConfigured: z.boolean(),
  /** The key's last 4 characters, to recognise it. */
  apiKeyHint: z.string().nullable(),
  allowedKinds: z.array(aiDocumentKind),
  timeoutMs: z.number().int(),
  currency: aiCurrency,
  inputPricePerMillion: z.string(),
  outputPricePerMillion: z.string(),
  monthlyCap: aiMonthlyCap.nullable(),
  updatedAt: z.string().nullable(),
  /** The instance default (INBOX_LLM_URL/_MODEL), used while the organization has no settings. */
  instance: z.object({ configured: z.boolean(), model: z.string().nullable() }),
});

/** Why a connection test failed: the LLM client's codes, or no provider to test. */
export const aiTestErrorCodes = [
  'LLM_TIMEOUT',
  'LLM_UNREACHABLE',
  'LLM_HTTP_ERROR',
  'LLM_INVALID_ANSWER',
  'AI_NOT_CONFIGURED',
] as const;

export const aiConnectionTestView = z.object({
  id: z.uuid(),
  status: z.enum(['pending', 'ok', 'failed']),
  model: z.string().nullable(),
  latencyMs: z.number().int().nullable(),
  /** The model's short answer (at most 200 characters). */
  answer: z.string().nullable(),
  errorCode: z.enum(aiTestErrorCodes).nullable(),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
});

export const aiTestParams = z.object({ id: z.uuid() });

/** `PUT /api/v1/ai/prompts/{kind}`: a new version of the extraction prompt for that kind. */
export const aiPromptParams = z.object({ kind: aiDocumentKind });
export const aiPromptBody = z.object({ text: z.string().trim().min(1).max(20_000) });
export const aiPromptRestoreBody = z.object({ version: z.number().int().min(1) });

export const aiPromptVersionView = z.object({
  version: z.number().int(),
  text: z.string(),
  restoredFrom: z.number().int().nullable(),
  createdBy: z.string().nullable(),
  createdAt: z.string(),
});

export const aiPromptView = z.object({
  kind: aiDocumentKind,
  /** The placeholders every version must keep (the pipeline fills them). */
  placeholders: z.array(z.string()),
  /** The product's prompt, used while the kind has no version. */
  default: z.string(),
  /** The version in use (the newest), or null: the default. */
  active: aiPromptVersionView.nullable(),
  /** Newest first. */
  versions: z.array(aiPromptVersionView),
});

export const aiUsageQuery = z.object({
  month: z
    .string()
    .regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'YYYY-MM')
    .optional(),
});

const usageNumbers = {
  requests: z.number().int(),
  inputTokens: z.number().int(),
  outputTokens: z.number().int(),
  /** Estimated with the admin's prices at the time of each call, in `currency`. */
  cost: z.string(),
};

export const aiUsageView = z.object({
  /** `YYYY-MM`, days in America/Mexico_City. */
  month: z.string(),
  currency: aiCurrency,
  days: z.array(z.object({ day: z.string(), models: z.array(z.string()), ...usageNumbers })),
  totals: z.object(usageNumbers),
  cap: z
    .object({
      kind: z.enum(['tokens', 'cost']),
      value: z.string(),
      used: z.string(),
      reached: z.boolean(),
    })
    .nullable(),
});

/**
 * "Probar con un documento": a draft prompt (not saved) run on a stored inbox document of that kind,
 * by a job. The draft is validated as a save is (the placeholders, the length).
 */
export const aiPromptTrialBody = z.object({
  kind: aiDocumentKind,
  invoiceId: z.uuid(),
  text: z.string().trim().min(1).max(20_000),
});

/** Why a trial failed: the LLM client's codes, the organization's settings, or the document. */
export const aiTrialErrorCodes = [
  'LLM_TIMEOUT',
  'LLM_UNREACHABLE',
  'LLM_HTTP_ERROR',
  'LLM_INVALID_ANSWER',
  'AI_DISABLED',
  'AI_KIND_NOT_ALLOWED',
  'AI_MONTHLY_CAP_REACHED',
  'LLM_PLAN_QUOTA_REACHED',
  'AI_TRIAL_DOCUMENT_UNREADABLE',
] as const;
export type AiTrialErrorCode = (typeof aiTrialErrorCodes)[number];

/** One header field: what the invoice has now beside what the draft prompt got from the model. */
export const aiTrialField = z.object({
  field: z.enum(invoiceFieldNames),
  current: z.string().nullable(),
  /** The model's answer, made canonical; null: it left the field empty. */
  trial: z.string().nullable(),
  /** The answer is not a well-formed value or not printed in the document: the inbox would drop it. */
  refused: z.boolean(),
});

export const aiPromptTrialView = z.object({
  id: z.uuid(),
  kind: aiDocumentKind,
  invoiceId: z.uuid(),
  status: z.enum(['queued', 'running', 'done', 'failed']),
  model: z.string().nullable(),
  latencyMs: z.number().int().nullable(),
  inputTokens: z.number().int().nullable(),
  outputTokens: z.number().int().nullable(),
  errorCode: z.enum(aiTrialErrorCodes).nullable(),
  /** Every header field, in the inbox's order (null until done). */
  fields: z.array(aiTrialField).nullable(),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
});

export const aiTrialParams = z.object({ id: z.uuid() });

import { randomUUID } from 'node:crypto';
import type {
  AiDocumentKind,
  aiConnectionTestView,
  aiPromptTrialBody,
  aiPromptTrialView,
  aiPromptView,
  aiSettingsBody,
  aiSettingsView,
  aiUsageView,
} from '@boveda/contracts';
import type { z } from 'zod';
import type { Reader, SecretBox } from '../../platform/crypto/index.js';
import type { Db } from '../../platform/db/client.js';
import type { UnitOfWork } from '../../platform/db/transaction.js';
import { appError } from '../../platform/errors/app-error.js';
import type { JobContext } from '../../platform/jobs/job-definition.js';
import type { Jobs } from '../../platform/jobs/jobs.js';
import { LlmError } from '../../platform/llm/index.js';
import type { Logger } from '../../platform/logging/index.js';
import type { OutboundClient } from '../../platform/outbound/index.js';
import type { Actor, AuditRecorder } from '../audit/index.js';
import type { Quotas } from '../plans/index.js';
import { promptTrialJob, testConnectionJob } from './ai.jobs.js';
import {
  type AiConnectionTestRow,
  type AiPromptTrialRow,
  type AiPromptVersionRow,
  type AiSettingsRow,
  addPromptVersion,
  createAiRepository,
  reserveCall,
  type UsageKey,
} from './ai.repository.js';
import type { AiCurrency } from './ai.schema.js';
import { DEFAULT_EXTRACTION_PROMPT, missingPlaceholders, PROMPT_PLACEHOLDERS } from './prompt-template.js';
import type { PromptTrialDocuments } from './prompt-trial.js';
import { testChatCompletion } from './test-call.js';

const cell = (tenantId: string) => ({ table: 'ai_settings', column: 'api_key', id: tenantId });

/** The instance-wide default from INBOX_LLM_* (used while an organization has no settings). */
export interface InstanceLlm {
  baseUrl: string | undefined;
  model: string | undefined;
  apiKey: string | undefined;
  timeoutMs: number;
}

/** Where and how to call the model for one request. */
export interface LlmProvider {
  source: 'organization' | 'instance';
  baseUrl: string;
  model: string;
  apiKey?: string | undefined;
  timeoutMs: number;
}

/**
 * What the inbox's LLM step may do for one document now. `off`: never sent, nothing recorded on
 * the invoice (the inbox behaves as without an LLM). `skipped`: the invoice records why.
 */
export type LlmDecision =
  | { use: false; reason: 'off' }
  | { use: false; reason: 'kind_not_allowed' | 'cap_reached' | 'plan_quota_reached' }
  | {
      use: true;
      provider: LlmProvider;
      /** The organization's prompt template for this kind; null: the product's default. */
      promptTemplate: string | null;
      /** Meters the call: tokens from the answer's `usage` (null: no usable answer, 0 tokens). */
      record(usage: { inputTokens: number; outputTokens: number } | null): Promise<void>;
    };

/** The ai module's port for the inbox (and any later LLM caller). */
export interface AiGateway {
  /**
   * `estimatedInputTokens` is reserved against the cap with the check (the prompt's characters / 4
   * is close enough); `record` replaces it with the answer's `usage`.
   */
  decide(
    tenantId: string,
    kind: AiDocumentKind,
    reader: Reader,
    call: { estimatedInputTokens: number },
  ): Promise<LlmDecision>;
}

const ZERO_PRICES = { input: '0', output: '0' };

/** Drops trailing zeros of a numeric's text: "0.150000" → "0.15", "3.000000" → "3". */
const plain = (v: string) => (v.includes('.') ? v.replace(/0+$/, '').replace(/\.$/, '') : v);

export function createAiService(deps: {
  db: Db;
  transaction: UnitOfWork;
  jobs: Jobs;
  secretBox: SecretBox;
  audit: AuditRecorder;
  outbound: OutboundClient;
  logger: Logger;
  instance: InstanceLlm;
  /** The inbox's documents for prompt trials (built after this module: read when a trial runs). */
  promptTrialDocuments?: () => PromptTrialDocuments;
  /** The organization's plan (plans module): LLM tokens per month, checked before and counted after. */
  quotas?: Pick<Quotas, 'hasRoom' | 'record'>;
}) {
  const repo = createAiRepository(deps.db);
  const instanceConfigured = !!(deps.instance.baseUrl && deps.instance.model);

  function view(row: AiSettingsRow | null): z.output<typeof aiSettingsView> {
    const instance = { configured: instanceConfigured, model: deps.instance.model ?? null };
    if (!row)
      return {
        source: instanceConfigured ? 'instance' : 'none',
        enabled: instanceConfigured,
        baseUrl: null,
        model: null,
        apiKeyConfigured: false,
        apiKeyHint: null,
        allowedKinds: [],
        timeoutMs: deps.instance.timeoutMs,
        currency: 'USD',
        inputPricePerMillion: '0',
        outputPricePerMillion: '0',
        monthlyCap: null,
        updatedAt: null,
        instance,
      };
    return {
      source: 'organization',
      enabled: row.enabled,
      baseUrl: row.baseUrl,
      model: row.model,
      apiKeyConfigured: row.apiKey !== null,
      apiKeyHint: row.apiKeyHint,
      allowedKinds: row.allowedKinds,
      timeoutMs: row.timeoutMs,
      currency: row.currency,
      inputPricePerMillion: plain(row.inputPricePerMillion),
      outputPricePerMillion: plain(row.outputPricePerMillion),
      monthlyCap: row.capKind && row.capValue ? { kind: row.capKind, value: plain(row.capValue) } : null,
      updatedAt: row.updatedAt.toISOString(),
      instance,
    };
  }

  async function providerOf(tenantId: string, row: AiSettingsRow | null, reader: Reader) {
    if (row) {
      if (!row.baseUrl || !row.model) return null;
      const apiKey = row.apiKey
        ? await deps.secretBox.openColumn<string>(tenantId, cell(tenantId), row.apiKey, reader)
        : undefined;
      return {
        source: 'organization' as const,
        baseUrl: row.baseUrl,
        model: row.model,
        apiKey: apiKey ?? undefined,
        timeoutMs: row.timeoutMs,
      };
    }
    if (!instanceConfigured) return null;
    return {
      source: 'instance' as const,
      baseUrl: deps.instance.baseUrl!,
      model: deps.instance.model!,
      apiKey: deps.instance.apiKey,
      timeoutMs: deps.instance.timeoutMs,
    };
  }

  const usageKey = (tenantId: string, row: AiSettingsRow | null, model: string): UsageKey => ({
    tenantId,
    model,
    currency: row?.currency ?? 'USD',
  });
  const pricesOf = (row: AiSettingsRow | null) =>
    row ? { input: row.inputPricePerMillion, output: row.outputPricePerMillion } : ZERO_PRICES;

  const testView = (t: AiConnectionTestRow): z.output<typeof aiConnectionTestView> => ({
    id: t.id,
    status: t.status,
    model: t.model,
    latencyMs: t.latencyMs,
    answer: t.answer,
    errorCode: t.errorCode as z.output<typeof aiConnectionTestView>['errorCode'],
    createdAt: t.createdAt.toISOString(),
    finishedAt: t.finishedAt?.toISOString() ?? null,
  });

  const gateway: AiGateway = {
    async decide(tenantId, kind, reader, call) {
      const row = await repo.getSettings(tenantId);
      // Precedence: the organization's settings, else the instance's INBOX_LLM_* default (every
      // kind, no cap: how the inbox behaved before per-organization settings existed).
      if (row && !row.enabled) return { use: false, reason: 'off' };
      if (!row && !instanceConfigured) return { use: false, reason: 'off' };
      if (row && !row.allowedKinds.includes(kind)) return { use: false, reason: 'kind_not_allowed' };
      const provider = await providerOf(tenantId, row, reader);
      if (!provider) return { use: false, reason: 'off' };
      // The operator's plan before the organization's own cap: tokens are known after the answer,
      // so a call starts while any are left and may pass the limit by its own size.
      if (deps.quotas && !(await deps.quotas.hasRoom(tenantId, 'llmTokens')))
        return { use: false, reason: 'plan_quota_reached' };
      const key = usageKey(tenantId, row, provider.model);
      const cap = row?.capKind && row.capValue ? { kind: row.capKind, value: row.capValue } : null;
      const prices = pricesOf(row);
      const estimate = Math.max(0, Math.ceil(call.estimatedInputTokens));
      const reserved = await deps.transaction((tx) =>
        reserveCall(tx, key, cap, { inputTokens: estimate, inputPrice: prices.input }),
      );
      if (!reserved.allowed) return { use: false, reason: 'cap_reached' };
      let recorded = false;
      return {
        use: true,
        provider,
        // Only an organization's own settings bring its prompts; the instance default uses the product's.
        promptTemplate: row ? await repo.activePrompt(tenantId, kind) : null,
        async record(usage) {
          if (recorded) return;
          recorded = true;
          // The estimate out, the server's count in (no answer: nothing was used).
          await deps.quotas?.record(
            tenantId,
            'llmTokens',
            (usage?.inputTokens ?? 0) + (usage?.outputTokens ?? 0),
          );
          await repo.addUsage(key, {
            inputTokens: (usage?.inputTokens ?? 0) - estimate,
            outputTokens: usage?.outputTokens ?? 0,
            prices,
            countRequest: false,
            ...(reserved.day ? { day: reserved.day } : {}),
          });
        },
      };
    },
  };

  const trialView = (t: AiPromptTrialRow): z.output<typeof aiPromptTrialView> => ({
    id: t.id,
    kind: t.kind,
    invoiceId: t.invoiceId,
    status: t.status,
    model: t.model,
    latencyMs: t.latencyMs,
    inputTokens: t.inputTokens,
    outputTokens: t.outputTokens,
    errorCode: t.errorCode as z.output<typeof aiPromptTrialView>['errorCode'],
    fields: (t.fields as z.output<typeof aiPromptTrialView>['fields']) ?? null,
    createdAt: t.createdAt.toISOString(),
    finishedAt: t.finishedAt?.toISOString() ?? null,
  });

  const trialDocuments = () => {
    const documents = deps.promptTrialDocuments?.();
    if (!documents) throw new Error('prompt trials need the inbox (promptTrialDocuments)');
    return documents;
  };

  /**
   * Whether the organization's settings let a trial of this kind go now: its own settings, on (a
   * trial tries the organization's prompt, which the instance default never uses), the kind
   * allowed, the cap not reached. The job asks again (`AiGateway.decide`, which reserves).
   */
  async function trialRefusal(tenantId: string, kind: AiDocumentKind) {
    const row = await repo.getSettings(tenantId);
    if (!row?.enabled || !row.baseUrl || !row.model) return 'AI_DISABLED' as const;
    if (!row.allowedKinds.includes(kind)) return 'AI_KIND_NOT_ALLOWED' as const;
    return null;
  }

  const versionView = (v: AiPromptVersionRow) => ({
    version: v.version,
    text: v.text,
    restoredFrom: v.restoredFrom,
    createdBy: v.createdBy,
    createdAt: v.createdAt.toISOString(),
  });

  async function promptOf(tenantId: string, kind: AiDocumentKind): Promise<z.output<typeof aiPromptView>> {
    const versions = (await repo.promptVersions(tenantId, kind)).map(versionView);
    return {
      kind,
      placeholders: [...PROMPT_PLACEHOLDERS],
      default: DEFAULT_EXTRACTION_PROMPT,
      active: versions[0] ?? null,
      versions,
    };
  }

  async function savePrompt(
    tenantId: string,
    actor: Actor,
    kind: AiDocumentKind,
    text: string,
    restoredFrom: number | null,
  ) {
    const missing = missingPlaceholders(text);
    if (missing.length > 0) throw appError('AI_PROMPT_INVALID', undefined, { params: { missing } });
    const version = await deps.transaction((tx) =>
      addPromptVersion(tx, {
        id: randomUUID(),
        tenantId,
        kind,
        text,
        restoredFrom,
        createdBy: actor.label ?? actor.id ?? null,
      }),
    );
    await deps.audit.record({
      tenantId,
      actor,
      action: 'ai.prompt.saved',
      target: { type: 'ai_prompt', id: `${kind}:${version}` },
      metadata: { kind, version, restoredFrom, chars: text.length },
    });
    return promptOf(tenantId, kind);
  }

  const service = {
    gateway,

    prompt: promptOf,

    /** A new version of the kind's prompt (it is the one in use from now on). */
    savePrompt: (tenantId: string, actor: Actor, kind: AiDocumentKind, text: string) =>
      savePrompt(tenantId, actor, kind, text, null),

    /** Restoring an old version is a new version with its text. */
    async restorePrompt(tenantId: string, actor: Actor, kind: AiDocumentKind, version: number) {
      const old = (await repo.promptVersions(tenantId, kind)).find((v) => v.version === version);
      if (!old) throw appError('AI_PROMPT_VERSION_NOT_FOUND');
      return savePrompt(tenantId, actor, kind, old.text, version);
    },

    /**
     * "Probar con un documento": validates the draft as a save would, checks the document and the
     * settings, then records the trial and queues its job in one transaction (the call runs there).
     */
    async requestTrial(tenantId: string, actor: Actor, body: z.output<typeof aiPromptTrialBody>) {
      const missing = missingPlaceholders(body.text);
      if (missing.length > 0) throw appError('AI_PROMPT_INVALID', undefined, { params: { missing } });
      const reading = await trialDocuments().readingOf(tenantId, body.invoiceId);
      if (!reading) throw appError('AI_TRIAL_DOCUMENT_NOT_FOUND');
      if (reading.kind !== body.kind) throw appError('AI_TRIAL_KIND_MISMATCH');
      const refusal = await trialRefusal(tenantId, body.kind);
      if (refusal) throw appError(refusal);
      if ((await service.usage(tenantId)).cap?.reached) throw appError('AI_MONTHLY_CAP_REACHED');
      const id = randomUUID();
      // Answered as inserted: the job may take it before this request reads it back.
      const created = await deps.transaction(async (tx) => {
        const row = await createAiRepository(tx.db).insertTrial({
          id,
          tenantId,
          kind: body.kind,
          invoiceId: body.invoiceId,
          text: body.text,
          requestedBy: actor.label ?? actor.id ?? null,
        });
        await deps.jobs.enqueue(promptTrialJob, { tenantId, trialId: id }, { tx });
        return row;
      });
      // The document's text leaves for the provider: who asked, for which invoice (never the text).
      await deps.audit.record({
        tenantId,
        actor,
        action: 'ai.prompt.trial_requested',
        target: { type: 'ai_prompt_trial', id },
        metadata: { kind: body.kind, invoiceId: body.invoiceId, chars: body.text.length },
      });
      return trialView(created);
    },

    async getTrial(tenantId: string, id: string) {
      const t = await repo.getTrial(tenantId, id);
      if (!t) throw appError('AI_TRIAL_NOT_FOUND');
      return trialView(t);
    },

    /** The `ai.prompt-trial` job: queued → running → done (fields, latency, tokens) or failed (a code). */
    async runTrial({ tenantId, trialId }: { tenantId: string; trialId: string }, ctx: JobContext) {
      const t = await repo.getTrial(tenantId, trialId);
      if (t?.status !== 'queued' || !(await repo.startTrial(tenantId, trialId))) return { skipped: true };
      const none = { model: null, latencyMs: null, inputTokens: null, outputTokens: null, fields: null };
      // The settings may have changed since the request: off or the kind withdrawn, nothing is sent.
      const refusal = await trialRefusal(tenantId, t.kind);
      if (refusal) {
        await repo.finishTrial(tenantId, trialId, { status: 'failed', errorCode: refusal, ...none });
        return { status: 'failed', code: refusal };
      }
      const outcome = await trialDocuments().run({
        tenantId,
        invoiceId: t.invoiceId,
        kind: t.kind,
        template: t.text,
        reader: { type: 'job', job: promptTrialJob.name, jobId: ctx.jobId },
      });
      if (outcome.ok) {
        await repo.finishTrial(tenantId, trialId, {
          status: 'done',
          errorCode: null,
          model: outcome.model,
          latencyMs: outcome.latencyMs,
          inputTokens: outcome.inputTokens,
          outputTokens: outcome.outputTokens,
          fields: outcome.fields,
        });
        return { status: 'done' };
      }
      await repo.finishTrial(tenantId, trialId, {
        status: 'failed',
        errorCode: outcome.code,
        model: outcome.model,
        latencyMs: outcome.latencyMs,
        inputTokens: outcome.inputTokens,
        outputTokens: outcome.outputTokens,
        fields: null,
      });
      return { status: 'failed', code: outcome.code };
    },

    /** A crashed or expired run: the trial says so instead of staying queued or running. */
    async giveUpTrial({ tenantId, trialId }: { tenantId: string; trialId: string }) {
      await repo.finishTrial(tenantId, trialId, {
        status: 'failed',
        errorCode: 'LLM_UNREACHABLE',
        model: null,
        latencyMs: null,
        inputTokens: null,
        outputTokens: null,
        fields: null,
      });
    },

    async settings(tenantId: string) {
      return view(await repo.getSettings(tenantId));
    },

    async update(tenantId: string, actor: Actor, body: z.output<typeof aiSettingsBody>) {
      if (body.enabled && (!body.baseUrl || !body.model)) throw appError('AI_SETTINGS_INCOMPLETE');
      const before = await repo.getSettings(tenantId);
      // Absent: keep the stored key; null: forget it; a string: seal the new one.
      const apiKey =
        body.apiKey === undefined
          ? (before?.apiKey ?? null)
          : body.apiKey === null
            ? null
            : await deps.secretBox.sealColumn(tenantId, cell(tenantId), body.apiKey);
      const apiKeyHint =
        body.apiKey === undefined
          ? (before?.apiKeyHint ?? null)
          : body.apiKey === null
            ? null
            : body.apiKey.slice(-4);
      const saved = await repo.upsertSettings({
        tenantId,
        enabled: body.enabled,
        baseUrl: body.baseUrl,
        model: body.model,
        apiKey,
        apiKeyHint,
        allowedKinds: [...new Set(body.allowedKinds)],
        timeoutMs: body.timeoutMs,
        currency: body.currency,
        inputPricePerMillion: body.inputPricePerMillion,
        outputPricePerMillion: body.outputPricePerMillion,
        capKind: body.monthlyCap?.kind ?? null,
        capValue: body.monthlyCap?.value ?? null,
        updatedBy: actor.label ?? actor.id ?? null,
      });
      await deps.audit.record({
        tenantId,
        actor,
        action: 'ai.settings.updated',
        target: { type: 'ai_settings', id: tenantId },
        // Never the key: whether it changed, and its hint.
        metadata: {
          enabled: body.enabled,
          model: body.model,
          allowedKinds: saved.allowedKinds,
          apiKey: body.apiKey === undefined ? 'kept' : body.apiKey === null ? 'removed' : 'replaced',
          apiKeyHint,
          monthlyCap: body.monthlyCap ? `${body.monthlyCap.value} ${body.monthlyCap.kind}` : null,
        },
      });
      return view(saved);
    },

    /** Queues a connection test; the job writes its result on the row the page reads. */
    async requestTest(tenantId: string, actor: Actor) {
      const row = await repo.getSettings(tenantId);
      if (row ? !row.baseUrl || !row.model : !instanceConfigured) throw appError('AI_NOT_CONFIGURED');
      const id = randomUUID();
      await deps.transaction(async (tx) => {
        await createAiRepository(tx.db).insertTest({
          id,
          tenantId,
          model: row?.model ?? deps.instance.model ?? null,
          requestedBy: actor.label ?? actor.id ?? null,
        });
        await deps.jobs.enqueue(testConnectionJob, { tenantId, testId: id }, { tx });
      });
      return testView((await repo.getTest(tenantId, id))!);
    },

    async getTest(tenantId: string, id: string) {
      const t = await repo.getTest(tenantId, id);
      if (!t) throw appError('AI_TEST_NOT_FOUND');
      return testView(t);
    },

    /** The `ai.test-connection` job: one call, its latency and answer (or error code) on the row. */
    async runTest({ tenantId, testId }: { tenantId: string; testId: string }, ctx: JobContext) {
      const t = await repo.getTest(tenantId, testId);
      if (t?.status !== 'pending') return { skipped: true };
      const row = await repo.getSettings(tenantId);
      const provider = await providerOf(tenantId, row, {
        type: 'job',
        job: testConnectionJob.name,
        jobId: ctx.jobId,
      });
      if (!provider) {
        await repo.finishTest(tenantId, testId, {
          status: 'failed',
          model: null,
          latencyMs: null,
          answer: null,
          errorCode: 'AI_NOT_CONFIGURED',
        });
        return { status: 'failed' };
      }
      const started = performance.now();
      try {
        const r = await testChatCompletion({ outbound: deps.outbound, ...provider });
        const latencyMs = Math.round(performance.now() - started);
        await repo.addUsage(usageKey(tenantId, row, provider.model), {
          inputTokens: r.inputTokens,
          outputTokens: r.outputTokens,
          prices: pricesOf(row),
          countRequest: true,
        });
        await repo.finishTest(tenantId, testId, {
          status: 'ok',
          model: provider.model,
          latencyMs,
          answer: r.answer,
          errorCode: null,
        });
        return { status: 'ok' };
      } catch (error) {
        if (!(error instanceof LlmError)) throw error;
        const latencyMs = Math.round(performance.now() - started);
        // The code and our own message only: never the URL's path, the key or a response body.
        deps.logger.warn(
          { tenantId, testId, code: error.code, reason: error.message },
          'AI connection test failed',
        );
        await repo.finishTest(tenantId, testId, {
          status: 'failed',
          model: provider.model,
          latencyMs,
          answer: null,
          errorCode: error.code,
        });
        return { status: 'failed' };
      }
    },

    /** A failed job run (crash, expiry): the row says so instead of staying pending. */
    async giveUpTest({ tenantId, testId }: { tenantId: string; testId: string }) {
      await repo.finishTest(tenantId, testId, {
        status: 'failed',
        model: null,
        latencyMs: null,
        answer: null,
        errorCode: 'LLM_UNREACHABLE',
      });
    },

    async usage(tenantId: string, month?: string): Promise<z.output<typeof aiUsageView>> {
      const m = month ?? (await repo.currentMonth());
      const row = await repo.getSettings(tenantId);
      const currency: AiCurrency = row?.currency ?? 'USD';
      const rows = await repo.usageOfMonth(tenantId, m);
      const byDay = new Map<string, z.output<typeof aiUsageView>['days'][number]>();
      const totals = { requests: 0, inputTokens: 0, outputTokens: 0, cost: '0' };
      for (const r of rows) {
        const d = byDay.get(r.day) ?? {
          day: r.day,
          models: [],
          requests: 0,
          inputTokens: 0,
          outputTokens: 0,
          cost: '0',
        };
        d.requests += r.requests;
        d.inputTokens += r.inputTokens;
        d.outputTokens += r.outputTokens;
        if (!d.models.includes(r.model)) d.models.push(r.model);
        // A cost estimated in another currency (the admin changed it) is not added to this one's.
        if (r.currency === currency) d.cost = addDecimal(d.cost, r.cost);
        byDay.set(r.day, d);
        totals.requests += r.requests;
        totals.inputTokens += r.inputTokens;
        totals.outputTokens += r.outputTokens;
        if (r.currency === currency) totals.cost = addDecimal(totals.cost, r.cost);
      }
      const days = [...byDay.values()].map((d) => ({ ...d, cost: plain(d.cost) }));
      const cap =
        row?.capKind && row.capValue
          ? (() => {
              const used =
                row.capKind === 'tokens'
                  ? String(totals.inputTokens + totals.outputTokens)
                  : plain(totals.cost);
              return {
                kind: row.capKind,
                value: plain(row.capValue),
                used,
                reached: compareDecimal(used, row.capValue) >= 0,
              };
            })()
          : null;
      return { month: m, currency, days, totals: { ...totals, cost: plain(totals.cost) }, cap };
    },
  };
  return service;
}

export type AiService = ReturnType<typeof createAiService>;

// Exact decimal arithmetic on non-negative strings (money is never a float: ARCHITECTURE rule 10).
const SCALE = 8;
const toUnits = (v: string) => {
  const [i, f = ''] = v.split('.');
  return BigInt(i || '0') * 10n ** BigInt(SCALE) + BigInt((f + '0'.repeat(SCALE)).slice(0, SCALE) || '0');
};
const fromUnits = (u: bigint) => {
  const s = u.toString().padStart(SCALE + 1, '0');
  return `${s.slice(0, -SCALE)}.${s.slice(-SCALE)}`;
};
export const addDecimal = (a: string, b: string) => fromUnits(toUnits(a) + toUnits(b));
export const compareDecimal = (a: string, b: string) => {
  const d = toUnits(a) - toUnits(b);
  return d > 0n ? 1 : d < 0n ? -1 : 0;
};

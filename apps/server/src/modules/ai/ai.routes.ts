import {
  aiConnectionTestView,
  aiPromptBody,
  aiPromptParams,
  aiPromptRestoreBody,
  aiPromptTrialBody,
  aiPromptTrialView,
  aiPromptView,
  aiSettingsBody,
  aiSettingsView,
  aiTestParams,
  aiTrialParams,
  aiUsageQuery,
  aiUsageView,
} from '@boveda/contracts';
import type { HttpServer } from '../../platform/http/create-http-server.js';
import { actorOf, type Guard, identityOf } from '../../platform/http/identity.js';
import type { AiService } from './ai.service.js';

const tags = ['ai'];

/**
 * The organization's AI settings (`/api/v1/ai/...`): members read them, their usage and the
 * connection tests; admins change them and start a test. The tenant always comes from the caller.
 */
export function registerAiRoutes(app: HttpServer, deps: { ai: AiService; guard: Guard }) {
  const { ai, guard } = deps;

  app.get(
    '/api/v1/ai/settings',
    {
      schema: {
        operationId: 'getAiSettings',
        tags,
        summary: 'The organization’s AI provider, allowed document kinds, prices and cap (never the key)',
        response: { 200: aiSettingsView },
      },
      preHandler: guard('member'),
    },
    async (req) => ai.settings(identityOf(req).tenantId),
  );

  app.put(
    '/api/v1/ai/settings',
    {
      schema: {
        operationId: 'updateAiSettings',
        tags,
        summary:
          'Replace the AI settings (the API key is stored encrypted; absent keeps it, null forgets it)',
        body: aiSettingsBody,
        response: { 200: aiSettingsView },
        errors: ['AI_SETTINGS_INCOMPLETE'],
      },
      preHandler: guard('admin'),
    },
    async (req) => ai.update(identityOf(req).tenantId, actorOf(req), req.body),
  );

  app.post(
    '/api/v1/ai/test',
    {
      schema: {
        operationId: 'testAiConnection',
        tags,
        summary: 'Queue a connection test against the provider (one small call, run by a job)',
        response: { 202: aiConnectionTestView },
        errors: ['AI_NOT_CONFIGURED'],
      },
      preHandler: guard('admin'),
    },
    async (req, reply) =>
      reply.status(202).send(await ai.requestTest(identityOf(req).tenantId, actorOf(req))),
  );

  app.get(
    '/api/v1/ai/test/:id',
    {
      schema: {
        operationId: 'getAiConnectionTest',
        tags,
        summary: 'A connection test’s result: latency and the model’s short answer, or an error code',
        params: aiTestParams,
        response: { 200: aiConnectionTestView },
        errors: ['AI_TEST_NOT_FOUND'],
      },
      preHandler: guard('member'),
    },
    async (req) => ai.getTest(identityOf(req).tenantId, req.params.id),
  );

  app.get(
    '/api/v1/ai/usage',
    {
      schema: {
        operationId: 'getAiUsage',
        tags,
        summary: 'LLM usage of a month (default: this one): per day and totals, and the cap',
        querystring: aiUsageQuery,
        response: { 200: aiUsageView },
      },
      preHandler: guard('member'),
    },
    async (req) => ai.usage(identityOf(req).tenantId, req.query.month),
  );

  app.get(
    '/api/v1/ai/prompts/:kind',
    {
      schema: {
        operationId: 'getAiPrompt',
        tags,
        summary: 'The extraction prompt of a document kind: the one in use, its versions and the default',
        params: aiPromptParams,
        response: { 200: aiPromptView },
      },
      preHandler: guard('member'),
    },
    async (req) => ai.prompt(identityOf(req).tenantId, req.params.kind),
  );

  app.put(
    '/api/v1/ai/prompts/:kind',
    {
      schema: {
        operationId: 'saveAiPrompt',
        tags,
        summary: 'Save a new version of the kind’s extraction prompt (it must keep the placeholders)',
        params: aiPromptParams,
        body: aiPromptBody,
        response: { 200: aiPromptView },
        errors: ['AI_PROMPT_INVALID'],
      },
      preHandler: guard('admin'),
    },
    async (req) => ai.savePrompt(identityOf(req).tenantId, actorOf(req), req.params.kind, req.body.text),
  );

  app.post(
    '/api/v1/ai/prompts/:kind/restore',
    {
      schema: {
        operationId: 'restoreAiPrompt',
        tags,
        summary: 'Restore an old version: a new version with its text',
        params: aiPromptParams,
        body: aiPromptRestoreBody,
        response: { 200: aiPromptView },
        errors: ['AI_PROMPT_VERSION_NOT_FOUND', 'AI_PROMPT_INVALID'],
      },
      preHandler: guard('admin'),
    },
    async (req) =>
      ai.restorePrompt(identityOf(req).tenantId, actorOf(req), req.params.kind, req.body.version),
  );

  app.post(
    '/api/v1/ai/prompt-trials',
    {
      schema: {
        operationId: 'startAiPromptTrial',
        tags,
        summary:
          'Try a draft prompt (not saved) on a stored inbox document of its kind: 202, the job asks the model',
        body: aiPromptTrialBody,
        response: { 202: aiPromptTrialView },
        errors: [
          'AI_PROMPT_INVALID',
          'AI_TRIAL_DOCUMENT_NOT_FOUND',
          'AI_TRIAL_KIND_MISMATCH',
          'AI_DISABLED',
          'AI_KIND_NOT_ALLOWED',
          'AI_MONTHLY_CAP_REACHED',
        ],
      },
      // Who may change the prompts may try them (the trial sends a document to the provider).
      preHandler: guard('admin'),
    },
    async (req, reply) =>
      reply.status(202).send(await ai.requestTrial(identityOf(req).tenantId, actorOf(req), req.body)),
  );

  app.get(
    '/api/v1/ai/prompt-trials/:id',
    {
      schema: {
        operationId: 'getAiPromptTrial',
        tags,
        summary: 'A prompt trial: its state, then each field beside the document’s, latency and tokens',
        params: aiTrialParams,
        response: { 200: aiPromptTrialView },
        errors: ['AI_TRIAL_NOT_FOUND'],
      },
      preHandler: guard('admin'),
    },
    async (req) => ai.getTrial(identityOf(req).tenantId, req.params.id),
  );
}

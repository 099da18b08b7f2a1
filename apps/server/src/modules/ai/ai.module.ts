import { jobWorker } from '../../platform/jobs/jobs.js';
import { defineModule, type ModulePlatform } from '../../platform/modules/index.js';
import { createOutboundClient } from '../../platform/outbound/index.js';
import type { AuditRecorder } from '../audit/index.js';
import type { Quotas } from '../plans/index.js';
import { promptTrialJob, testConnectionJob } from './ai.jobs.js';
import { registerAiRoutes } from './ai.routes.js';
import { createAiService } from './ai.service.js';
import type { PromptTrialDocuments } from './prompt-trial.js';

/** AI settings per organization: the LLM provider, what may be sent, prices, usage and the cap. */
export function aiModule(
  p: ModulePlatform,
  deps: {
    audit: AuditRecorder;
    quotas: Quotas;
    /** The inbox's side of prompt trials; the inbox is built after this module, so it is a getter. */
    promptTrialDocuments?: () => PromptTrialDocuments;
  },
) {
  const env = p.config.env;
  const ai = createAiService({
    db: p.db,
    transaction: p.transaction,
    jobs: p.jobs,
    secretBox: p.secretBox,
    audit: deps.audit,
    logger: p.logger,
    quotas: deps.quotas,
    ...(deps.promptTrialDocuments ? { promptTrialDocuments: deps.promptTrialDocuments } : {}),
    // The provider's URL is a user-given URL: SSRF guard, timeouts and size caps (rule 8).
    outbound: createOutboundClient({
      allowPrivate: env.OUTBOUND_ALLOW_PRIVATE,
      allowedHosts: env.OUTBOUND_ALLOWED_HOSTS,
      timeoutMs: env.INBOX_LLM_TIMEOUT_MS,
      maxBytes: env.OUTBOUND_MAX_BYTES,
      userAgent: 'Boveda/0.1',
    }),
    instance: {
      baseUrl: env.INBOX_LLM_URL,
      model: env.INBOX_LLM_MODEL,
      apiKey: env.INBOX_LLM_API_KEY,
      timeoutMs: env.INBOX_LLM_TIMEOUT_MS,
    },
  });
  return defineModule({
    name: 'ai',
    services: { ai, aiGateway: ai.gateway },
    routes: (app, { guard }) => registerAiRoutes(app, { ai, guard }),
    async workers(jobs) {
      await jobs.register(
        jobWorker(testConnectionJob, (ref, ctx) => ai.runTest(ref, ctx), {
          onFinalFailure: (ref) => ai.giveUpTest(ref),
        }),
      );
      await jobs.register(
        jobWorker(promptTrialJob, (ref, ctx) => ai.runTrial(ref, ctx), {
          onFinalFailure: (ref) => ai.giveUpTrial(ref),
        }),
      );
    },
  });
}

import { jobWorker } from '../../platform/jobs/jobs.js';
import { defineModule, type ModulePlatform } from '../../platform/modules/index.js';
import { createOutboundClient } from '../../platform/outbound/index.js';
import type { AiGateway } from '../ai/index.js';
import type { CatalogService } from '../catalog/index.js';
import type { InboxService } from '../inbox/index.js';
import { createLlmProposals } from './llm-proposals.js';
import { llmProposalConsumer, llmProposalJob } from './suggestions.jobs.js';
import { registerSuggestionRoutes } from './suggestions.routes.js';
import { createSuggestionsService } from './suggestions.service.js';

/** Suggestions on inbox invoices, learned from what people confirmed for the same supplier. */
export function suggestionsModule(
  p: ModulePlatform,
  deps: {
    inbox: InboxService;
    catalog: CatalogService;
    /** The organization's AI settings (ai module): whether the model may propose catalogue entries. */
    ai: AiGateway;
  },
) {
  const env = p.config.env;
  const suggestions = createSuggestionsService({ db: p.db, inbox: deps.inbox, catalog: deps.catalog });
  const proposals = createLlmProposals({
    db: p.db,
    gateway: deps.ai,
    suggestions,
    catalog: deps.catalog,
    logger: p.logger,
    // The provider's URL is a user-given URL: SSRF guard, timeouts and size caps (rule 8).
    outbound: createOutboundClient({
      allowPrivate: env.OUTBOUND_ALLOW_PRIVATE,
      allowedHosts: env.OUTBOUND_ALLOWED_HOSTS,
      timeoutMs: env.INBOX_LLM_TIMEOUT_MS,
      maxBytes: env.OUTBOUND_MAX_BYTES,
      userAgent: 'Boveda/0.1',
    }),
  });
  return defineModule({
    name: 'suggestions',
    services: { suggestions },
    routes: (app, { guard }) => registerSuggestionRoutes(app, { suggestions, guard }),
    consumers: [llmProposalConsumer(p.jobs)],
    async workers(jobs) {
      await jobs.register(
        jobWorker(llmProposalJob, (ref, ctx) =>
          proposals.propose(ref, { type: 'job', job: llmProposalJob.name, jobId: ctx.jobId }),
        ),
      );
    },
  });
}

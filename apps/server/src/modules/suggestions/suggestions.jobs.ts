import { type InvoiceStateChanged, invoiceStateChanged } from '@boveda/contracts';
import { z } from 'zod';
import type { EventConsumer } from '../../platform/events/index.js';
import type { Jobs } from '../../platform/jobs/jobs.js';
import { defineJob } from '../../platform/jobs/jobs.js';

/**
 * The optional model's catalogue proposal for one invoice that reached `waiting_validation`. One
 * attempt: a failed call leaves the invoice with its rule-based suggestions (nothing to retry for
 * a person; the next reading of the invoice asks again).
 */
export const llmProposalJob = defineJob({
  name: 'suggestions.llm-propose',
  schema: z.object({ tenantId: z.uuid(), invoiceId: z.uuid() }),
  retry: [],
  expireInSeconds: 6 * 60,
});

/** Queues the proposal in the delivery's transaction when an invoice is read and waits for a person. */
export function llmProposalConsumer(jobs: Jobs): EventConsumer<InvoiceStateChanged> {
  return {
    name: 'suggestions.llm-propose-on-read',
    event: invoiceStateChanged,
    async handle(event, { tx }) {
      if (!event.tenantId || event.payload.to !== 'waiting_validation') return;
      await jobs.enqueue(
        llmProposalJob,
        { tenantId: event.tenantId, invoiceId: event.payload.invoiceId },
        { tx },
      );
    },
  };
}

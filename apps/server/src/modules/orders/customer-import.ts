import { type connectorRecordsAccepted, kindActorLabel } from '@boveda/contracts';
import type { z } from 'zod';
import type { AuditRecorder } from '../audit/index.js';
import type { ClientsService } from './clients.service.js';
import { clientFromCustomer } from './customer-records.js';

/**
 * Customers a person accepted in a connector's staging become clients (created, or refreshed when
 * a client has that email); records without a name or a valid email are skipped and counted. One
 * audit event per accepted batch. Re-delivery is harmless: the email decides create or update.
 */
export async function importCustomers(
  deps: { clients: Pick<ClientsService, 'importClient'>; audit: AuditRecorder },
  tenantId: string,
  event: z.output<typeof connectorRecordsAccepted.schema>,
) {
  if (event.kind !== 'customers') return;
  const counts = { created: 0, updated: 0, skipped: 0 };
  const skipped: string[] = [];
  for (const record of event.records) {
    const client = clientFromCustomer(record.payload);
    if (!client) {
      counts.skipped++;
      if (skipped.length < 20) skipped.push(record.externalId);
      continue;
    }
    counts[await deps.clients.importClient(tenantId, client)]++;
  }
  await deps.audit.record({
    tenantId,
    actor: { type: 'system', label: kindActorLabel('connector', event.connectorName) },
    action: 'client.imported',
    target: { type: 'connector', id: event.connectorId },
    metadata: { resource: event.resource, ...counts, ...(skipped.length ? { skipped: skipped } : {}) },
  });
}

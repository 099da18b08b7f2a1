import { z } from 'zod';
import { defineJob } from '../../platform/jobs/jobs.js';

/** A connector run is busy elsewhere: try again in a while (never a failure of the run). */
export class ConnectorBusy extends Error {
  constructor() {
    super('Otra ejecución de este conector sigue en curso.');
    this.name = 'ConnectorBusy';
  }
}

/** The ERP could not be reached; the run is queued again on the retry schedule. */
export class RunRetryLater extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RunRetryLater';
  }
}

const runRef = z.object({ tenantId: z.uuid(), runId: z.uuid() });

/** One push or pull run; retried on CONNECTOR_RUN_RETRY_SCHEDULE while the ERP cannot be reached. */
export const connectorRunJob = (retrySeconds: readonly number[]) =>
  defineJob({
    name: 'connectors.run',
    schema: runRef,
    dedupeKey: (d) => d.runId,
    retry: { delaysSeconds: retrySeconds, jitter: 0.2 },
    // A run reads at most CONNECTOR_MAX_PAGES pages per resource: hours, not days.
    expireInSeconds: 6 * 60 * 60,
  });

/** Queued by the per-tenant schedule (`job_schedules`): starts the connector's runs. */
export const connectorScheduledJob = defineJob({
  name: 'connectors.scheduled',
  schema: z.object({ tenantId: z.uuid(), connectorId: z.uuid() }),
  dedupeKey: (d) => d.connectorId,
  retry: [30, 120],
});

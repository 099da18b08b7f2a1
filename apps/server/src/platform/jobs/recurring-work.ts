/**
 * A module's recurring work, as the organization's sync administration shows it (the
 * `schedules` module's page *Sincronizaciones*). Each module that runs work on its own for an
 * organization contributes one source per kind through its `index.ts`; the page lists them, runs
 * one now and pauses or resumes it through `job_pauses` (`schedules.ts`), keyed by `pauseJob` and
 * the entry's key. Defined here, not in a module, so a module contributes without importing the
 * module that lists it.
 */
export interface RecurringWork {
  /** Unique within the source's kind and organization (a connector id, an RFC, an endpoint id). */
  key: string;
  /** What it works on, for a person: an RFC and name, a connector's name, an endpoint's URL (no secrets). */
  target: { label: string; detail: string | null };
  /**
   * When it runs on its own: a cron in a time zone, and/or a backoff after an event (seconds between
   * looks after a filing, or between a delivery's attempts; the last step repeats or ends the run).
   */
  schedule: { cron: string | null; timeZone: string | null; backoffSeconds: readonly number[] | null };
  lastRun: {
    at: Date;
    result: 'ok' | 'failed' | 'running';
    /** A catalogue code or the external system's code (the SAT's `CodEstatus`), never a message. */
    errorCode: string | null;
    durationMs: number | null;
  } | null;
  /** The next run as scheduled, ignoring a pause (the service hides it while paused). */
  nextRunAt: Date | null;
  /** Whether a pause means something for it (a webhook endpoint is stopped by disabling it instead). */
  pausable: boolean;
  runnable: boolean;
}

export interface RecurringWorkSource {
  /** Stable name on the wire, e.g. `sat.sync` (`packages/contracts` `scheduleKinds`). */
  kind: string;
  /** The job name its pauses are recorded under in `job_pauses` (the schedule's job when it has one). */
  pauseJob: string;
  list(tenantId: string): Promise<RecurringWork[]>;
  /**
   * Queues a run now (never runs the external call in the caller): the queued job's id, or null
   * when one is already waiting. Throws the module's not-found error for a key it does not own.
   */
  runNow(tenantId: string, key: string, requestedBy: string | null): Promise<{ jobId: string | null }>;
}

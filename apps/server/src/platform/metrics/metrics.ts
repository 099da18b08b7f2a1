import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';

/** How a SAT web-service call ended: an answer (code 5000 or a token), another SAT code, no answer, a transport retry. */
export type SatCallResult = 'ok' | 'sat_code' | 'failed' | 'retry';
/** How one run of a job ended: done, failed and queued again on its schedule, failed for good. */
export type JobOutcome = 'completed' | 'retry' | 'failed';

export interface QueueDepthRow {
  queue: string;
  /** pg-boss states before completion: `created` (waiting or deferred), `retry`, `active`. */
  state: string;
  count: number;
}

/**
 * This process's metrics (each api and worker process has its own registry; Prometheus scrapes
 * each). Modules receive it in the platform and only increment the named metrics below: the
 * names, label sets and their values are fixed here, so label cardinality stays bounded (no
 * tenant, RFC, UUID or URL ever becomes a label).
 */
export interface Metrics {
  readonly registry: Registry;
  /** Every HTTP answer, by method, route pattern (never the raw URL) and status. */
  readonly httpRequestDuration: Histogram<'method' | 'route' | 'status_code'>;
  /** Job runs in this process, by job name and outcome, and their duration. */
  readonly jobRuns: Counter<'job' | 'outcome'>;
  readonly jobDuration: Histogram<'job' | 'outcome'>;
  /** SAT Descarga Masiva calls by operation (`autentica`, `solicita`, `verifica`, `descarga`) and result. */
  readonly satCalls: Counter<'operation' | 'result'>;
  /** CFDI and metadata rows read by the ingestion: `stored` (new), `duplicate`, `rejected`. */
  readonly cfdiIngested: Counter<'kind' | 'outcome'>;
  /** Pages (or photos) the inbox read with OCR, and the time each took. */
  readonly ocrPages: Counter<'outcome'>;
  readonly ocrPageDuration: Histogram<'outcome'>;
  /** Webhook delivery attempts: `succeeded`, `retry` (failed, tried again later), `failed` (for good). */
  readonly webhookDeliveries: Counter<'result'>;
  /** Reads the job queue's depth when scraped (one grouped query), not on a timer. */
  observeQueueDepth(read: () => Promise<QueueDepthRow[]>): void;
  /** The exposition in Prometheus' text format. */
  render(): Promise<{ contentType: string; body: string }>;
}

export interface MetricsOptions {
  /**
   * Node's process metrics (CPU, memory, event-loop lag, GC). Each call installs observers for
   * the life of the process, so only real server processes turn it on (not every test context).
   */
  processMetrics?: boolean;
  /** Constant labels on every series, e.g. `{ role: 'worker' }`. */
  defaultLabels?: Record<string, string>;
}

// Seconds. HTTP: most answers are a few ms; exports and uploads take seconds.
const HTTP_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];
// Jobs run from milliseconds (an event delivery) to many minutes (a 200,000-CFDI package).
const JOB_BUCKETS = [0.01, 0.05, 0.1, 0.5, 1, 5, 15, 60, 300, 900, 3600];
// One OCR page takes roughly 1–20 s on these machines (inbox/ocr/README.md).
const OCR_BUCKETS = [0.5, 1, 2, 5, 10, 20, 40, 60, 120];

export function createMetrics(opts: MetricsOptions = {}): Metrics {
  const registry = new Registry();
  if (opts.defaultLabels) registry.setDefaultLabels(opts.defaultLabels);
  if (opts.processMetrics) collectDefaultMetrics({ register: registry, prefix: 'boveda_' });
  const registers = [registry];

  let readDepth: (() => Promise<QueueDepthRow[]>) | undefined;
  new Gauge({
    name: 'boveda_job_queue_depth',
    help: 'Jobs not finished yet per queue and state (created includes deferred), read from pg-boss at scrape time',
    labelNames: ['queue', 'state'],
    registers,
    async collect() {
      if (!readDepth) return;
      let rows: QueueDepthRow[];
      try {
        rows = await readDepth();
      } catch {
        // A scrape must not fail because the database is down: /ready says that. No series then.
        this.reset();
        return;
      }
      this.reset();
      for (const row of rows) this.set({ queue: row.queue, state: row.state }, row.count);
    },
  });

  return {
    registry,
    httpRequestDuration: new Histogram({
      name: 'boveda_http_request_duration_seconds',
      help: 'HTTP requests by method, route pattern and status (its _count is the request count)',
      labelNames: ['method', 'route', 'status_code'],
      buckets: HTTP_BUCKETS,
      registers,
    }),
    jobRuns: new Counter({
      name: 'boveda_job_runs_total',
      help: 'Job runs in this process by job name and outcome (completed, retry, failed)',
      labelNames: ['job', 'outcome'],
      registers,
    }),
    jobDuration: new Histogram({
      name: 'boveda_job_duration_seconds',
      help: 'Duration of job runs in this process by job name and outcome',
      labelNames: ['job', 'outcome'],
      buckets: JOB_BUCKETS,
      registers,
    }),
    satCalls: new Counter({
      name: 'boveda_sat_calls_total',
      help: 'SAT Descarga Masiva calls by operation and result (ok, sat_code, failed, retry)',
      labelNames: ['operation', 'result'],
      registers,
    }),
    cfdiIngested: new Counter({
      name: 'boveda_cfdi_ingested_total',
      help: 'CFDI and metadata rows ingested by kind (cfdi, metadata) and outcome (stored, duplicate, rejected)',
      labelNames: ['kind', 'outcome'],
      registers,
    }),
    ocrPages: new Counter({
      name: 'boveda_ocr_pages_total',
      help: 'Pages and photos read with OCR by the inbox, by outcome (ok, failed)',
      labelNames: ['outcome'],
      registers,
    }),
    ocrPageDuration: new Histogram({
      name: 'boveda_ocr_page_duration_seconds',
      help: 'Time to read one page with OCR (image preparation included)',
      labelNames: ['outcome'],
      buckets: OCR_BUCKETS,
      registers,
    }),
    webhookDeliveries: new Counter({
      name: 'boveda_webhook_deliveries_total',
      help: 'Webhook delivery attempts by result (succeeded, retry, failed)',
      labelNames: ['result'],
      registers,
    }),
    observeQueueDepth(read) {
      readDepth = read;
    },
    async render() {
      return { contentType: registry.contentType, body: await registry.metrics() };
    },
  };
}

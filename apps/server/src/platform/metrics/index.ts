export {
  createMetrics,
  type JobOutcome,
  type Metrics,
  type MetricsOptions,
  type QueueDepthRow,
  type SatCallResult,
} from './metrics.js';
export {
  type MetricsServer,
  type MetricsServerOptions,
  metricsTokenMatches,
  type ProbeAnswer,
  startMetricsServer,
} from './metrics-server.js';

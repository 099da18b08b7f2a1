export type { AuthConfig, AuthType } from './auth.js';
export { DEFAULT_LIMIT, MAX_LIMIT, type PaginationStyle } from './routes/pull.js';
export type { Counts, ErpRecord, Resource } from './seed/generate.js';
export { RESOURCES } from './seed/generate.js';
export {
  DEFAULT_COUNTS,
  DEFAULT_REQUIRED_FIELDS,
  type ErpSimulatorOptions,
  type RunningErpSimulator,
  startErpSimulator,
} from './simulator.js';
export type { Fault, FaultKind, FaultOperation } from './state/faults.js';
export type { Collection, Received } from './state/pushes.js';
export type { LoggedRequest } from './state/request-log.js';

import type { AuthConfig } from './auth.js';
import type { Resource } from './seed/generate.js';
import type { FaultStore } from './state/faults.js';
import type { Collection, PushStore } from './state/pushes.js';
import type { RateLimiter } from './state/rate-limit.js';
import type { RecordStore } from './state/records.js';
import type { RequestLog } from './state/request-log.js';
import type { TokenStore } from './state/tokens.js';

/** Everything one simulator instance holds; the routes read and change it. */
export interface SimState {
  seed: string;
  auth: AuthConfig;
  requiredFields: Record<Collection, string[]>;
  idLocation: string;
  records: Record<Resource, RecordStore>;
  pushes: PushStore;
  tokens: TokenStore;
  faults: FaultStore;
  log: RequestLog;
  rateLimiter: RateLimiter;
  /** Back to the seeded records, nothing received, no faults, no tokens, empty log. */
  reset(): void;
}

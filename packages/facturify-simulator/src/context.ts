import type { CallCounter, RequestLog } from './state/calls.js';
import type { SimClock } from './state/clock.js';
import type { FaultStore } from './state/faults.js';
import type { InvoiceBook } from './state/invoices.js';
import type { Parties } from './state/parties.js';
import type { TokenService } from './state/tokens.js';
import type { WebhookSender } from './state/webhooks.js';

export type ExpiresInUnit = 'seconds' | 'minutes';

/** Everything one simulator instance holds; the routes read and change it. */
export interface SimState {
  credentials: { apiKey: string; apiSecret: string };
  expiresInUnit: ExpiresInUnit;
  /** The C# DTO types `expires_in` as a string (doc §1.3): 'string' sends "240" instead of 240. */
  expiresInType: 'number' | 'string';
  /** GET …/pdf and …/xml: the raw file (binary, default) or `{data: {pdf|xml: base64}}` (json). */
  downloadFormat: 'binary' | 'json';
  environment: 'sandbox' | 'production';
  clock: SimClock;
  tokens: TokenService;
  parties: Parties;
  invoices: InvoiceBook;
  webhooks: WebhookSender;
  faults: FaultStore;
  calls: CallCounter;
  log: RequestLog;
  reset(): void;
}

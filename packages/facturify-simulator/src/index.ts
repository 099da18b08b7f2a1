export type { ExpiresInUnit } from './context.js';
export { Decimal } from './decimal.js';
export { type Claims, decodeClaims } from './jwt.js';
export {
  DEFAULTS,
  type FacturifySimulatorOptions,
  ISSUERS,
  type RunningFacturifySimulator,
  startFacturifySimulator,
} from './simulator.js';
export type { LoggedRequest } from './state/calls.js';
export type { SimClock } from './state/clock.js';
export {
  FAULT_KINDS,
  type Fault,
  type FaultInput,
  type FaultKind,
  OPERATIONS,
  type Operation,
} from './state/faults.js';
export type { SatTaxpayer, StampFailure } from './state/invoices.js';
export { DEFAULT_EMPRESA } from './state/parties.js';
export type { CancellationStatus, Cliente, Empresa, EmpresaSeed } from './state/records.js';
export type { BlacklistEntry, IssuedToken } from './state/tokens.js';
export type { Delivery, WebhookBody } from './state/webhooks.js';

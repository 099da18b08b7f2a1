import { OPERATIONS, type Operation } from './faults.js';

/** How many requests each operation received (faulted and failed ones included). */
export class CallCounter {
  private counts = new Map<Operation, number>();

  record(operation: Operation): void {
    this.counts.set(operation, (this.counts.get(operation) ?? 0) + 1);
  }

  /** Every operation, zeros included: `{"auth": 1, "refresh": 3, "validate": 0, "factura.create": 2, …}`. */
  snapshot(): Record<Operation, number> {
    return Object.fromEntries(OPERATIONS.map((op) => [op, this.counts.get(op) ?? 0])) as Record<
      Operation,
      number
    >;
  }

  clear(): void {
    this.counts.clear();
  }
}

export interface LoggedRequest {
  seq: number;
  at: string;
  method: string;
  path: string;
  operation: string;
  /** Whether a bearer token was sent (`bearer`/`none`); never the token. */
  auth: 'bearer' | 'none';
  fault: string | null;
  status: number | null;
  outcome: 'pending' | 'answered' | 'dropped' | 'aborted';
  duration_ms: number | null;
}

/** The last `limit` requests, oldest first. */
export class RequestLog {
  private entries: LoggedRequest[] = [];
  private seq = 0;

  constructor(private readonly limit = 1000) {}

  start(fields: Omit<LoggedRequest, 'seq' | 'at' | 'status' | 'outcome' | 'duration_ms'>): LoggedRequest {
    const entry: LoggedRequest = {
      seq: ++this.seq,
      at: new Date().toISOString(),
      ...fields,
      status: null,
      outcome: 'pending',
      duration_ms: null,
    };
    this.entries.push(entry);
    if (this.entries.length > this.limit * 2) this.entries = this.entries.slice(-this.limit);
    return entry;
  }

  list(limit = this.limit): LoggedRequest[] {
    return this.entries.slice(-Math.min(limit, this.limit)).map((e) => ({ ...e }));
  }

  clear(): void {
    this.entries = [];
  }
}

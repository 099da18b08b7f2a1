export const FAULT_OPERATIONS = ['push', 'pull', 'token', '*'] as const;
export type FaultOperation = (typeof FAULT_OPERATIONS)[number];
export type Operation = Exclude<FaultOperation, '*'>;

/**
 * error: answer `status` (default 500) with a JSON error; throttle: 429 with `Retry-After`
 * (`retryAfter` seconds, default 1); hang: never answer (the client's timeout ends it); latency: the
 * normal answer after `ms`; drop: close the socket without an answer.
 */
export const FAULT_KINDS = ['error', 'throttle', 'hang', 'latency', 'drop'] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

export interface Fault {
  operation: FaultOperation;
  kind: FaultKind;
  /** How many more matching requests it affects. */
  count: number;
  status: number;
  ms: number;
  retryAfter: number;
  /**
   * before (default): the request is not processed. after: it is processed (a push is stored) and then
   * the answer is replaced or lost, the case an Idempotency-Key exists for.
   */
  when: 'before' | 'after';
}

export class FaultStore {
  private faults: Fault[] = [];

  add(fault: Fault): void {
    this.faults.push(fault);
  }

  clear(): void {
    this.faults = [];
  }

  list(): Fault[] {
    return this.faults.map((f) => ({ ...f }));
  }

  /** Consumes one use of the oldest fault armed for this operation (or for '*'). */
  take(operation: Operation): Fault | undefined {
    const fault = this.faults.find((f) => f.operation === operation || f.operation === '*');
    if (!fault) return undefined;
    fault.count -= 1;
    this.faults = this.faults.filter((f) => f.count > 0);
    return { ...fault };
  }
}

/** Validates an admin body into a Fault; returns an error message instead when it is not one. */
export function parseFault(input: unknown): Fault | string {
  if (typeof input !== 'object' || input === null) return 'body must be a JSON object';
  const f = input as Record<string, unknown>;
  if (!FAULT_OPERATIONS.includes(f.operation as FaultOperation))
    return `operation must be one of ${FAULT_OPERATIONS.join(', ')}`;
  if (!FAULT_KINDS.includes(f.kind as FaultKind)) return `kind must be one of ${FAULT_KINDS.join(', ')}`;
  const int = (name: string, fallback: number, min: number, max: number): number | string => {
    const value = f[name] ?? fallback;
    return Number.isInteger(value) && (value as number) >= min && (value as number) <= max
      ? (value as number)
      : `${name} must be an integer in [${min}, ${max}]`;
  };
  const count = int('count', 1, 1, 1_000_000);
  const status = int('status', 500, 400, 599);
  const ms = int('ms', 1000, 0, 600_000);
  const retryAfter = int('retryAfter', 1, 0, 86_400);
  for (const value of [count, status, ms, retryAfter]) if (typeof value === 'string') return value;
  const when = f.when ?? 'before';
  if (when !== 'before' && when !== 'after') return 'when must be before or after';
  return {
    operation: f.operation as FaultOperation,
    kind: f.kind as FaultKind,
    count: count as number,
    status: status as number,
    ms: ms as number,
    retryAfter: retryAfter as number,
    when,
  };
}

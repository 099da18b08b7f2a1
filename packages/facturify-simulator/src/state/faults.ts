export const OPERATIONS = [
  'auth',
  'refresh',
  'validate',
  'empresa.list',
  'empresa.get',
  'cliente.create',
  'cliente.update',
  'cliente.get',
  'cliente.list',
  'factura.create',
  'factura.list',
  'factura.get',
  'factura.pdf',
  'factura.xml',
  'factura.cancel',
] as const;
export type Operation = (typeof OPERATIONS)[number];
export type FaultOperation = Operation | '*';

/**
 * error: answer `status` (default 500) with `body` or `{"message", "code"}`; throttle: 429 with
 * `Retry-After`; hang: never answer; latency: the normal answer after `ms`; drop: close the socket;
 * stamp_error (factura.create): 200 `{"success": false, "message", "code", "pac"}` (doc §1.7);
 * async (factura.create): this invoice is queued (code 70) and stamped later, with a webhook.
 */
export const FAULT_KINDS = ['error', 'throttle', 'hang', 'latency', 'drop', 'stamp_error', 'async'] as const;
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
   * before (default): the request is not processed. after: it is processed (an invoice is stamped, a
   * token rotated and the old one blacklisted) and then the answer is replaced or lost.
   */
  when: 'before' | 'after';
  /** error: the JSON body to answer instead of `{"message", "code"}`. */
  body?: unknown;
  /** stamp_error: the SAT/PAC code and message (default the observed CFDI40147). */
  code?: string;
  message?: string;
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

export type FaultInput = Pick<Fault, 'operation' | 'kind'> & Partial<Fault>;

/** Validates an admin body (or addFault argument) into a Fault; an error message when it is not one. */
export function parseFault(input: unknown): Fault | string {
  if (typeof input !== 'object' || input === null) return 'body must be a JSON object';
  const f = input as Record<string, unknown>;
  if (f.operation !== '*' && !OPERATIONS.includes(f.operation as Operation))
    return `operation must be one of ${OPERATIONS.join(', ')}, *`;
  if (!FAULT_KINDS.includes(f.kind as FaultKind)) return `kind must be one of ${FAULT_KINDS.join(', ')}`;
  if ((f.kind === 'stamp_error' || f.kind === 'async') && f.operation !== 'factura.create')
    return `${f.kind} applies only to operation factura.create`;
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
  if (f.kind === 'async' && when !== 'before') return 'async faults are always when=before';
  for (const name of ['code', 'message'] as const)
    if (f[name] !== undefined && typeof f[name] !== 'string') return `${name} must be a string`;
  return {
    operation: f.operation as FaultOperation,
    kind: f.kind as FaultKind,
    count: count as number,
    status: status as number,
    ms: ms as number,
    retryAfter: retryAfter as number,
    when,
    ...(f.body !== undefined ? { body: f.body } : {}),
    ...(typeof f.code === 'string' ? { code: f.code } : {}),
    ...(typeof f.message === 'string' ? { message: f.message } : {}),
  };
}

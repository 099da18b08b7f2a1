export const OPERATIONS = ['autentica', 'solicita', 'verifica', 'descarga', 'consulta'] as const;
export type Operation = (typeof OPERATIONS)[number];

/**
 * latency: answer normally after `ms`; timeout: never answer (the client gives up); http500: IIS-style
 * HTTP 500 page; soapFault: HTTP 500 SOAP fault; malformed: HTTP 200 with truncated XML; expiredToken:
 * the token is treated as expired (on autentica: the issued token is dead on arrival); stolen: the
 * package was "downloaded elsewhere" and is gone (descarga); requestError: the request being verified
 * ends in EstadoSolicitud 4 (verifica).
 */
export const FAULT_KINDS = [
  'latency',
  'timeout',
  'http500',
  'soapFault',
  'malformed',
  'expiredToken',
  'stolen',
  'requestError',
] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

export interface Fault {
  operation: Operation;
  kind: FaultKind;
  /** How many calls it still affects. */
  remaining: number;
  ms: number;
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

  /** Consumes one use of the oldest fault armed for this operation. */
  take(operation: Operation): Fault | undefined {
    const fault = this.faults.find((f) => f.operation === operation && f.remaining > 0);
    if (!fault) return undefined;
    fault.remaining -= 1;
    this.faults = this.faults.filter((f) => f.remaining > 0);
    return { ...fault, remaining: fault.remaining };
  }
}

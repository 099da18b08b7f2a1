/**
 * Errors of the guarded outbound client. Messages name the host only: never the full URL, whose
 * path, query or userinfo may carry a token.
 */
export class OutboundError extends Error {
  constructor(
    readonly code: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = new.target.name;
  }
}

export class OutboundInvalidUrlError extends OutboundError {
  constructor(reason: string) {
    super('OUTBOUND_INVALID_URL', `Invalid outbound URL: ${reason}`);
  }
}

/** The destination resolves to an address class that is not allowed (private, loopback, metadata…). */
export class OutboundBlockedError extends OutboundError {
  constructor(
    readonly host: string,
    readonly address: string,
    readonly range: string,
  ) {
    super('OUTBOUND_BLOCKED', `Outbound request to ${host} blocked: it resolves to a ${range} address`);
  }
}

export class OutboundTimeoutError extends OutboundError {
  constructor(
    readonly host: string,
    readonly timeoutMs: number,
  ) {
    super('OUTBOUND_TIMEOUT', `Outbound request to ${host} did not complete within ${timeoutMs} ms`);
  }
}

export class OutboundTooLargeError extends OutboundError {
  constructor(
    readonly host: string,
    readonly maxBytes: number,
  ) {
    super('OUTBOUND_TOO_LARGE', `Response from ${host} is larger than ${maxBytes} bytes`);
  }
}

/** DNS failure, refused or reset connection, TLS failure. */
export class OutboundConnectionError extends OutboundError {
  constructor(host: string, reason: string, cause?: unknown) {
    super('OUTBOUND_FAILED', `Outbound request to ${host} failed: ${reason}`, { cause });
  }
}

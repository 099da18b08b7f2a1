/**
 * - `SAT_STATUS_UNAVAILABLE`: no usable answer from the service (network, timeout, HTTP 5xx, IIS page,
 *   WCF internal fault); retry later — except when the endpoint is not configured (`retryable: false`).
 * - `SAT_STATUS_BAD_RESPONSE`: an HTTP answer that is not the service's envelope, or has values outside
 *   the documented ones.
 * - `SAT_STATUS_INVALID_EXPRESSION`: the data cannot make a valid expression (checked here before
 *   sending), or the SAT said `N - 601` / refused to read it. Retrying the same data cannot help.
 */
export type SatStatusErrorCode =
  | 'SAT_STATUS_UNAVAILABLE'
  | 'SAT_STATUS_BAD_RESPONSE'
  | 'SAT_STATUS_INVALID_EXPRESSION';

export class SatStatusError extends Error {
  readonly retryable: boolean;

  constructor(
    readonly code: SatStatusErrorCode,
    message: string,
    options: { retryable?: boolean; cause?: unknown; httpStatus?: number } = {},
  ) {
    super(message, { cause: options.cause });
    this.name = 'SatStatusError';
    this.retryable = options.retryable ?? code === 'SAT_STATUS_UNAVAILABLE';
    this.httpStatus = options.httpStatus;
  }

  readonly httpStatus: number | undefined;
}

export function isSatStatusError(error: unknown): error is SatStatusError {
  return error instanceof SatStatusError;
}

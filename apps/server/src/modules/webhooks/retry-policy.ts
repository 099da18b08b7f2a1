/**
 * What an attempt's result means for its delivery: done, retried (when), or given up. Pure, so the
 * schedule is tested without a clock or a network.
 */
export type AttemptResult =
  | { kind: 'response'; status: number; retryAfter?: string | undefined }
  | { kind: 'error'; code: 'TIMEOUT' | 'CONNECTION_FAILED' | 'BLOCKED' | 'INVALID_URL' | 'UNEXPECTED' };

export type Verdict =
  | { outcome: 'succeeded' }
  | { outcome: 'retry'; delaySeconds: number }
  | { outcome: 'failed'; disableEndpoint: boolean };

export interface RetryPolicyOptions {
  /** Seconds before retry 1, 2, … (WEBHOOK_RETRY_SCHEDULE). */
  schedule: readonly number[];
  /** ± fraction applied to each delay, so retries of many messages do not arrive together. */
  jitter?: number;
  /** Upper bound for a receiver's `Retry-After` (default: the schedule's longest delay, at least 1 h). */
  maxRetryAfterSeconds?: number;
  random?: () => number;
}

/** Answers that say "busy" or "overloaded": the next try waits twice as long. */
const BACK_OFF_MORE = new Set([429, 502, 503, 504]);

/** `Retry-After` as seconds or an HTTP date; null when absent or unreadable. */
export function parseRetryAfter(value: string | undefined, now = Date.now()): number | null {
  if (!value) return null;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? null : Math.max(0, Math.ceil((at - now) / 1000));
}

/**
 * `step` is the number of this attempt within its schedule (1 for the first try). 2xx succeeds;
 * 410 Gone gives up and disables the endpoint; 3xx is a failure (redirects are not followed: the
 * receiver must give its final URL); anything else is retried on the schedule until it runs out.
 * Only scheduled deliveries are retried; a manual resend or a test is one attempt.
 */
export function verdictOf(
  result: AttemptResult,
  step: number,
  scheduled: boolean,
  opts: RetryPolicyOptions,
): Verdict {
  if (result.kind === 'response' && result.status >= 200 && result.status < 300)
    return { outcome: 'succeeded' };
  if (result.kind === 'response' && result.status === 410)
    return { outcome: 'failed', disableEndpoint: true };
  // A URL the guard refuses now (DNS changed to a private address) will not become valid by waiting.
  const hopeless = result.kind === 'error' && (result.code === 'BLOCKED' || result.code === 'INVALID_URL');
  const base = opts.schedule[step - 1];
  if (!scheduled || hopeless || base === undefined) return { outcome: 'failed', disableEndpoint: false };
  const random = opts.random ?? Math.random;
  const jitter = opts.jitter ?? 0.2;
  let delay = base * (1 + (random() * 2 - 1) * jitter);
  const slow = result.kind === 'error' ? result.code === 'TIMEOUT' : BACK_OFF_MORE.has(result.status);
  if (slow) delay *= 2;
  if (result.kind === 'response' && (result.status === 429 || result.status === 503)) {
    const asked = parseRetryAfter(result.retryAfter);
    const ceiling = opts.maxRetryAfterSeconds ?? Math.max(3600, ...opts.schedule);
    if (asked !== null) delay = Math.min(Math.max(asked, 1), ceiling);
  }
  return { outcome: 'retry', delaySeconds: Math.max(0, Math.round(delay * 1000) / 1000) };
}

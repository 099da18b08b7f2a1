import { describe, expect, it } from 'vitest';
import { parseRetryAfter, verdictOf } from './retry-policy.js';

const opts = { schedule: [5, 300, 1800, 7200, 18000, 36000, 36000], jitter: 0.2, random: () => 0.5 };
const status = (s: number, retryAfter?: string) => ({ kind: 'response' as const, status: s, retryAfter });

describe('webhook retry policy', () => {
  it('follows the Svix-like schedule, then gives up after the last retry', () => {
    expect(verdictOf(status(500), 1, true, opts)).toEqual({ outcome: 'retry', delaySeconds: 5 });
    expect(verdictOf(status(500), 2, true, opts)).toEqual({ outcome: 'retry', delaySeconds: 300 });
    expect(verdictOf(status(500), 7, true, opts)).toEqual({ outcome: 'retry', delaySeconds: 36000 });
    expect(verdictOf(status(500), 8, true, opts)).toEqual({ outcome: 'failed', disableEndpoint: false });
  });

  it('applies jitter within ±20 %', () => {
    expect(verdictOf(status(500), 2, true, { ...opts, random: () => 0 })).toEqual({
      outcome: 'retry',
      delaySeconds: 240,
    });
    expect(verdictOf(status(500), 2, true, { ...opts, random: () => 1 })).toEqual({
      outcome: 'retry',
      delaySeconds: 360,
    });
  });

  it('succeeds on any 2xx and treats 3xx as a failure (no redirects)', () => {
    expect(verdictOf(status(204), 1, true, opts)).toEqual({ outcome: 'succeeded' });
    expect(verdictOf(status(301), 1, true, opts)).toEqual({ outcome: 'retry', delaySeconds: 5 });
  });

  it('backs off twice as long on timeouts, 429, 502, 503 and 504', () => {
    expect(verdictOf({ kind: 'error', code: 'TIMEOUT' }, 2, true, opts)).toEqual({
      outcome: 'retry',
      delaySeconds: 600,
    });
    for (const s of [429, 502, 504])
      expect(verdictOf(status(s), 1, true, opts)).toEqual({ outcome: 'retry', delaySeconds: 10 });
    expect(verdictOf({ kind: 'error', code: 'CONNECTION_FAILED' }, 1, true, opts)).toEqual({
      outcome: 'retry',
      delaySeconds: 5,
    });
  });

  it('honours Retry-After within bounds', () => {
    expect(verdictOf(status(429, '120'), 1, true, opts)).toEqual({ outcome: 'retry', delaySeconds: 120 });
    expect(verdictOf(status(503, '0'), 1, true, opts)).toEqual({ outcome: 'retry', delaySeconds: 1 });
    expect(verdictOf(status(429, '99999999'), 1, true, opts)).toEqual({
      outcome: 'retry',
      delaySeconds: 36000,
    });
    // Ignored on other statuses.
    expect(verdictOf(status(500, '120'), 1, true, opts)).toEqual({ outcome: 'retry', delaySeconds: 5 });
  });

  it('disables the endpoint on 410 Gone and never retries a manual attempt or a blocked address', () => {
    expect(verdictOf(status(410), 1, true, opts)).toEqual({ outcome: 'failed', disableEndpoint: true });
    expect(verdictOf(status(500), 1, false, opts)).toEqual({ outcome: 'failed', disableEndpoint: false });
    expect(verdictOf({ kind: 'error', code: 'BLOCKED' }, 1, true, opts)).toEqual({
      outcome: 'failed',
      disableEndpoint: false,
    });
  });

  it('reads Retry-After as seconds or as an HTTP date', () => {
    const now = Date.parse('2026-12-05T00:00:00Z');
    expect(parseRetryAfter('30', now)).toBe(30);
    expect(parseRetryAfter('Sat, 05 Dec 2026 00:01:00 GMT', now)).toBe(60);
    expect(parseRetryAfter('soon', now)).toBeNull();
    expect(parseRetryAfter(undefined, now)).toBeNull();
  });
});

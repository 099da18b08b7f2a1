/**
 * A fixed one-second window shared by every /api and /oauth call of the instance: crude, but it
 * makes a 429 + Retry-After happen predictably when a client goes faster than the configured rate.
 */
export class RateLimiter {
  private windowStart = 0;
  private used = 0;

  constructor(private readonly perSecond: number | undefined) {}

  /** undefined when allowed, otherwise the seconds to wait (for Retry-After). */
  take(): number | undefined {
    if (!this.perSecond) return undefined;
    const now = Date.now();
    if (now - this.windowStart >= 1000) {
      this.windowStart = now;
      this.used = 0;
    }
    if (this.used < this.perSecond) {
      this.used += 1;
      return undefined;
    }
    return Math.max(1, Math.ceil((this.windowStart + 1000 - now) / 1000));
  }

  reset(): void {
    this.windowStart = 0;
    this.used = 0;
  }
}

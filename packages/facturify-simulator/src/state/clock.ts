/**
 * The simulated clock. Everything time-dependent (JWT iat/nbf/exp, the refresh window, blacklist grace,
 * invoice dates, the "cancelled within a day" rule) reads this clock, never `Date.now()` directly, so tests
 * jump hours or weeks ahead with one call instead of sleeping. It keeps flowing with real time between jumps.
 */
export interface SimClock {
  now(): Date;
  /** Whole seconds since the epoch, as in JWT claims. */
  seconds(): number;
  advance(seconds: number): Date;
  set(now: Date): Date;
}

export function createSimClock(start: Date = new Date()): SimClock {
  let offsetMs = start.getTime() - Date.now();
  const now = () => new Date(Date.now() + offsetMs);
  return {
    now,
    seconds: () => Math.floor(now().getTime() / 1000),
    advance(seconds: number) {
      offsetMs += seconds * 1000;
      return now();
    },
    set(at: Date) {
      offsetMs = at.getTime() - Date.now();
      return now();
    },
  };
}

/** `YYYY-MM-DD HH:mm:ss` in Mexico City time: the format of Facturify's `fecha` and `created_at`. */
export function mexicoLocal(instant: Date, separator = ' '): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: 'America/Mexico_City',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(instant);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '00';
  return `${get('year')}-${get('month')}-${get('day')}${separator}${get('hour')}:${get('minute')}:${get('second')}`;
}

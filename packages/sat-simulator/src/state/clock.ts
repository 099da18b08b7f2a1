/**
 * The simulated clock. Everything time-dependent in the simulator (token lifetime, request progress,
 * package expiry, the six-year window) reads this clock, never `Date.now()` directly, so tests and demos
 * can jump days ahead in a single admin call.
 */
export interface SimClock {
  now(): Date;
  advance(seconds: number): Date;
  set(now: Date): Date;
}

export function createSimClock(start: Date = new Date()): SimClock {
  // Offset from the real clock, so simulated time keeps flowing between admin calls.
  let offsetMs = start.getTime() - Date.now();
  return {
    now: () => new Date(Date.now() + offsetMs),
    advance(seconds: number) {
      offsetMs += seconds * 1000;
      return new Date(Date.now() + offsetMs);
    },
    set(now: Date) {
      offsetMs = now.getTime() - Date.now();
      return new Date(Date.now() + offsetMs);
    },
  };
}

const MEXICO_TZ = 'America/Mexico_City';

/**
 * The SAT's dates carry no zone and are read as Mexico local time (doc §5, open question 4; inference).
 * Returns `YYYY-MM-DDTHH:mm:ss` in that zone.
 */
export function toMexicoLocal(instant: Date): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: MEXICO_TZ,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(instant);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '00';
  return `${get('year')}-${get('month')}-${get('day')}T${get('hour')}:${get('minute')}:${get('second')}`;
}

/** "hace 5 min" / "dentro de 3 h": the nearest unit, short style, in the page's locale. */
export function relativeTime(iso: string, now: Date, locale: string): string {
  const seconds = Math.round((new Date(iso).getTime() - now.getTime()) / 1000);
  const abs = Math.abs(seconds);
  const format = new Intl.RelativeTimeFormat(locale, { numeric: 'auto', style: 'short' });
  if (abs < 60) return format.format(seconds, 'second');
  if (abs < 3600) return format.format(Math.round(seconds / 60), 'minute');
  if (abs < 86_400) return format.format(Math.round(seconds / 3600), 'hour');
  return format.format(Math.round(seconds / 86_400), 'day');
}

/** `0 23 * * *` → `23:00` (every day at a fixed time); anything else → null (shown as the cron). */
export function dailyTime(cron: string): string | null {
  const m = /^(\d{1,2}) (\d{1,2}) \* \* \*$/.exec(cron.trim());
  if (!m) return null;
  return `${m[2]!.padStart(2, '0')}:${m[1]!.padStart(2, '0')}`;
}

const step = (s: number) =>
  s < 60 ? `${s} s` : s < 3600 ? `${Math.round(s / 60)} min` : `${Math.round(s / 3600)} h`;

/** Seconds between looks → "1 min, 2 min, 5 min…" (repeated steps once; the last one repeats). */
export function backoffSteps(seconds: readonly number[]): string {
  const steps = seconds.map(step).filter((s, i, all) => i === 0 || all[i - 1] !== s);
  return `${steps.join(', ')}…`;
}

export type Locale = 'es-MX' | 'en';

/** Timestamps from the API are ISO-8601 UTC; people read them in their own time zone. */
export function formatDateTime(iso: string, locale: Locale): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(date);
}

/**
 * A CFDI's own date-time (`2025-01-10T10:00:00`, Mexican local time without a zone, as written in
 * the document): shown as written, never shifted to the browser's zone.
 */
export function formatLocalDateTime(local: string, locale: Locale, seconds = false): string {
  return formatLocal(local, locale, seconds ? 'seconds' : 'minutes');
}

/** The day of a CFDI's or the SAT's local date-time (`2025-03-26T09:30:00` → "26 mar 2025"). */
export function formatLocalDate(local: string, locale: Locale): string {
  return formatLocal(local, locale, 'day');
}

type Precision = 'day' | 'minutes' | 'seconds';
const TIME_STYLE = { day: undefined, minutes: 'short', seconds: 'medium' } as const;

// Read as UTC and formatted in UTC, so no browser time zone shifts it.
function formatLocal(local: string, locale: Locale, precision: Precision): string {
  // A bare day (`2026-12-06`) is that day's midnight.
  const text = local.length === 10 ? `${local}T00:00:00` : local.slice(0, 19);
  const date = new Date(`${text}Z`);
  if (Number.isNaN(date.getTime())) return local;
  return localFormatter(locale, precision).format(date);
}

// Every row of the explorer formats a date: one formatter per locale and precision, not per cell.
const localFormatters = new Map<string, Intl.DateTimeFormat>();
function localFormatter(locale: Locale, precision: Precision): Intl.DateTimeFormat {
  const key = `${locale}|${precision}`;
  let f = localFormatters.get(key);
  if (!f) {
    const timeStyle = TIME_STYLE[precision];
    f = new Intl.DateTimeFormat(locale, {
      dateStyle: 'medium',
      ...(timeStyle ? { timeStyle } : {}),
      timeZone: 'UTC',
    });
    localFormatters.set(key, f);
  }
  return f;
}

export function formatDate(iso: string, locale: Locale): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium' }).format(date);
}

export function formatNumber(value: number, locale: Locale): string {
  return new Intl.NumberFormat(locale).format(value);
}

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
  const date = new Date(`${local.slice(0, 19)}Z`);
  if (Number.isNaN(date.getTime())) return local;
  return localFormatter(locale, seconds).format(date);
}

// Every row of the explorer formats a date: one formatter per locale and precision, not per cell.
const localFormatters = new Map<string, Intl.DateTimeFormat>();
function localFormatter(locale: Locale, seconds: boolean): Intl.DateTimeFormat {
  const key = `${locale}|${seconds}`;
  let f = localFormatters.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(locale, {
      dateStyle: 'medium',
      timeStyle: seconds ? 'medium' : 'short',
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

import type { SatRequest } from '../../api/types.js';
import type { Messages } from '../../i18n/es-MX.js';
import type { Locale } from '../../i18n/format.js';
import { lookup } from '../../i18n/lookup.js';

const NAIVE = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})$/;

/** The SAT's periods are naive Mexico City wall-clock times: read them as such, never shift them. */
function parseNaive(value: string): Date | null {
  const m = NAIVE.exec(value);
  if (!m) return null;
  const [, y, mo, d, h, mi, s] = m.map(Number) as number[];
  return new Date(Date.UTC(y!, mo! - 1, d!, h, mi, s));
}

const utc = (locale: Locale, opts: Intl.DateTimeFormatOptions) =>
  new Intl.DateTimeFormat(locale, { ...opts, timeZone: 'UTC' });

const isStartOfDay = (d: Date) => d.getUTCHours() === 0 && d.getUTCMinutes() === 0 && d.getUTCSeconds() === 0;
const isEndOfDay = (d: Date) =>
  d.getUTCHours() === 23 && d.getUTCMinutes() === 59 && d.getUTCSeconds() === 59;
const lastDayOfMonth = (d: Date) =>
  new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();

/**
 * "enero de 2025" for a whole month, "enero – junio de 2025" for whole months of one year (the
 * semester metadata requests), otherwise the two days (with times when they are not whole days).
 */
export function formatPeriod(period: SatRequest['period'], locale: Locale): string {
  if (!period) return '—';
  const start = parseNaive(period.start);
  const end = parseNaive(period.end);
  if (!start || !end) return `${period.start} – ${period.end}`;
  const wholeDays = isStartOfDay(start) && isEndOfDay(end);
  const wholeMonths = wholeDays && start.getUTCDate() === 1 && end.getUTCDate() === lastDayOfMonth(end);
  const sameYear = start.getUTCFullYear() === end.getUTCFullYear();
  if (wholeMonths && sameYear) {
    if (start.getUTCMonth() === end.getUTCMonth())
      return utc(locale, { month: 'long', year: 'numeric' }).format(start);
    return utc(locale, { month: 'long', year: 'numeric' }).formatRange(start, end);
  }
  const fmt = wholeDays
    ? utc(locale, { dateStyle: 'medium' })
    : utc(locale, { dateStyle: 'medium', timeStyle: 'medium' });
  return fmt.formatRange(start, end);
}

export function directionLabel(request: Pick<SatRequest, 'direction'>, t: Messages): string {
  return request.direction ? (t.sat.directions[request.direction] ?? request.direction) : t.sat.folio;
}

/** "CFDI · Emitidos · enero de 2025", the way a contador names a request. */
export function requestTitle(request: SatRequest, t: Messages, locale: Locale): string {
  const what = `${t.sat.types[request.type] ?? request.type} · ${directionLabel(request, t)}`;
  return `${what} · ${request.folio ?? formatPeriod(request.period, locale)}`;
}

export type Relation = keyof Messages['sat']['relations'];

/** How `other` relates to `request`, from the links both carry. */
export function relationOf(request: SatRequest, other: SatRequest): Relation | null {
  if (other.id === request.replaces || other.replacedBy === request.id) return 'replaces';
  if (other.id === request.replacedBy || other.replaces === request.id) return 'replacedBy';
  if (other.id === request.splitFrom) return 'splitFrom';
  if (other.splitFrom === request.id) return 'splitInto';
  return null;
}

export function stateLabel(state: string, t: Messages): string {
  return lookup(t.sat.states, state) ?? state;
}

const SIZE_UNITS = ['byte', 'kilobyte', 'megabyte', 'gigabyte'] as const;

/** "3.1 kB", "12 MB": package sizes a person can compare at a glance. */
export function formatSize(bytes: number, locale: Locale): string {
  // Intl spells the byte unit out ("512 byte"); "B" is what file managers show.
  if (bytes < 1024) return `${new Intl.NumberFormat(locale).format(bytes)} B`;
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < SIZE_UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  return new Intl.NumberFormat(locale, {
    style: 'unit',
    unit: SIZE_UNITS[unit],
    unitDisplay: 'short',
    maximumFractionDigits: 1,
  }).format(value);
}

import { z } from 'zod';
import type { Locale } from '../../i18n/format.js';
import { defineSearch } from '../../lib/search-state.js';
import { MAX_YEAR, MIN_YEAR } from '../cfdi/cfdi-search.js';

/**
 * The "Solo sin XML" toggle and the reconciliation's year, in the URL beside the shared filters
 * (`metadataSearch`), each schema keeping the other's parameters: `/metadatos?rfc=…&missingXml=true&anio=2025`.
 */
export const missingOnlySearch = defineSearch({ missingXml: z.enum(['true']).optional() });
export const reconciliationYearSearch = defineSearch({
  anio: z.coerce.number().int().min(MIN_YEAR).max(MAX_YEAR).optional(),
});

/**
 * A SAT date as the metadata carries it (Mexico's local time, `YYYY-MM-DDTHH:mm:ss`, no zone) as a
 * day people read: read as UTC and formatted in UTC, so no browser time zone shifts the day.
 */
export function formatSatDay(naive: string | null, locale: Locale): string {
  if (!naive) return '—';
  const date = new Date(`${naive.slice(0, 19)}Z`);
  if (Number.isNaN(date.getTime())) return naive;
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(date);
}

/** The current year in Mexico City: what the reconciliation opens on. */
export const mexicoCityYear = (at: Date = new Date()) =>
  Number(new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Mexico_City', year: 'numeric' }).format(at));

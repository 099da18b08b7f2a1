import { z } from 'zod';
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

/** The current year in Mexico City: what the reconciliation opens on. */
export const mexicoCityYear = (at: Date = new Date()) =>
  Number(new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Mexico_City', year: 'numeric' }).format(at));

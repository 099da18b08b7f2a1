import { RFC_PATTERN } from '@boveda/contracts';
import { z } from 'zod';
import { defineSearch } from '../../lib/search-state.js';
import { cfdiStatuses, cfdiTipos } from './cfdi-enums.js';

// The server's rules for the same parameters (`cfdiFilterQuery` in @boveda/contracts): a link that breaks them is
// read without the offending filter instead of failing the whole search with a 400.
const DAY = /^\d{4}-\d{2}-\d{2}$/;
const AMOUNT = /^\d{1,18}(\.\d{1,6})?$/;
const COMPLEMENTO = /^[A-Za-z0-9]{1,40}$/;

const text = (max: number) => z.string().trim().min(1).max(max).optional();
const amount = z.string().trim().regex(AMOUNT).optional();
/** A calendar day as `<input type="date">` writes it; 2021-02-30 is not one. */
const isCalendarDay = (v: string) => {
  const time = Date.parse(`${v}T00:00:00Z`);
  return !Number.isNaN(time) && new Date(time).toISOString().startsWith(v);
};
const day = z.string().regex(DAY).refine(isCalendarDay).optional();

/** The filters CFDI and metadata searches share (`commonFilters` of the contracts). */
export const commonSearchFields = {
  rfc: z.string().trim().toUpperCase().regex(RFC_PATTERN).optional(),
  direction: z.enum(['issued', 'received']).optional(),
  from: day,
  to: day,
  counterpart: text(300),
  minTotal: amount,
  maxTotal: amount,
  status: z.enum(cfdiStatuses).optional(),
  q: text(200),
  sort: z.enum(['date', 'total']).default('date'),
  order: z.enum(['asc', 'desc']).default('desc'),
};

/**
 * The explorer's filters in the URL, under the names of `GET /api/v1/cfdi`'s own parameters, so a
 * search's address reads like its export link: `/cfdi?rfc=AAA010101AAA&direction=issued&from=2021-01-01`.
 */
export const cfdiSearch = defineSearch({
  ...commonSearchFields,
  tipo: z.enum(cfdiTipos).optional(),
  complemento: z.string().trim().regex(COMPLEMENTO).optional(),
});
export type CfdiSearchValues = (typeof cfdiSearch)['defaults'];

/**
 * The metadata page's filters (`GET /api/v1/metadata`): the same, with the SAT's `efecto` instead of
 * `tipo` and no complemento (metadata has none).
 */
export const metadataSearch = defineSearch({
  ...commonSearchFields,
  efecto: z.enum(cfdiTipos).optional(),
});
export type MetadataSearchValues = (typeof metadataSearch)['defaults'];

/** Which view of the results is open, and the chart's year; apart so each part of the page owns its own. */
export const cfdiViews = ['explorador', 'grafica'] as const;
export const cfdiViewSearch = defineSearch({ vista: z.enum(cfdiViews).default('explorador') });

// The SAT keeps CFDI since 2000 at the earliest; the server answers for 2000–2100.
export const MIN_YEAR = 2000;
export const MAX_YEAR = 2100;
/** Without a year the chart opens on the taxpayer's newest year with data (the server picks it). */
export const chartYearSearch = defineSearch({
  year: z.coerce.number().int().min(MIN_YEAR).max(MAX_YEAR).optional(),
});

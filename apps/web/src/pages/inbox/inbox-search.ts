import { fieldSources, invoiceStatuses, RFC_PATTERN } from '@boveda/contracts';
import { z } from 'zod';
import { defineSearch } from '../../lib/search-state.js';

const DAY = /^\d{4}-\d{2}-\d{2}$/;
/** A calendar day as `<input type="date">` writes it; 2025-02-30 is not one. */
const isCalendarDay = (v: string) => {
  const time = Date.parse(`${v}T00:00:00Z`);
  return !Number.isNaN(time) && new Date(time).toISOString().startsWith(v);
};
const day = z.string().regex(DAY).refine(isCalendarDay).optional();

/**
 * The inbox's filters in the URL, under `GET /api/v1/invoices`' own parameter names
 * (`/bandeja?status=waiting_validation&rfc=AAA010101AAA`); junk in a link is ignored field by field.
 */
export const inboxSearch = defineSearch({
  status: z.enum(invoiceStatuses).optional(),
  q: z.string().trim().min(1).max(200).optional(),
  rfc: z.string().trim().toUpperCase().regex(RFC_PATTERN).optional(),
  from: day,
  to: day,
  source: z.enum(fieldSources).optional(),
});
export type InboxSearchValues = (typeof inboxSearch)['defaults'];

import { z } from 'zod';

/**
 * An RFC: persona moral (3 letters) or física (4), the date, the homoclave. `&` and `Ñ` are valid
 * RFC letters. The one definition every part of the system (server, web, simulator) uses.
 */
export const RFC_PATTERN = /^[A-ZÑ&]{3,4}\d{6}[A-Z\d]{3}$/;
export const normalizeRfc = (value: string) => value.trim().toUpperCase();
export const isRfc = (value: string) => RFC_PATTERN.test(value);
/**
 * Accepts any case and surrounding spaces; yields the RFC upper-case. Trimming and upper-casing are
 * zod overwrites rather than a transform, so the OpenAPI document shows the pattern.
 */
export const rfcSchema = z
  .string()
  .max(20)
  .trim()
  .toUpperCase()
  .regex(RFC_PATTERN, 'not an RFC (3–4 letters, 6 digits, 3 letters or digits)');

// Both cases spelled out rather than an `i` flag: JSON Schema patterns (OpenAPI) carry no flags.
export const UUID_PATTERN = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
export const isUuid = (value: unknown): value is string =>
  typeof value === 'string' && UUID_PATTERN.test(value);

/** Money and quantities travel as exact decimal strings, never floats: `"1234.50"`, `"-0.16"`. */
export const DECIMAL_PATTERN = /^-?\d+(\.\d+)?$/;
export const decimalSchema = z.string().regex(DECIMAL_PATTERN, 'an exact decimal, e.g. "1234.50"');

/** The envelope of every list: a page of items and the cursor of the next one (null at the end). */
export const pageOf = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), nextCursor: z.string().nullable() });
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/**
 * A number in a query string: it arrives as text and is coerced. Typed `number` on the way in
 * (`z.input`), which is what a client passes before the URL is written; a bare `z.coerce.number()`
 * would type it `unknown`.
 */
export const queryNumber = () => z.coerce.number<number>();

/** `limit` and `cursor` of every list's query string. */
export const pageQuery = (defaultLimit = 50, maxLimit = 200) =>
  z.object({
    limit: queryNumber().int().min(1).max(maxLimit).default(defaultLimit),
    cursor: z.string().max(1000).optional(),
  });

export const CALENDAR_DAY_PATTERN = /^\d{4}-\d{2}-\d{2}$/;
// A calendar day, checked by round trip so 2025-02-30 is refused rather than read as March 2.
// The refine names its rule (`params.code`) so the problem's `errors[].code` says invalid_date.
export const calendarDaySchema = z
  .string()
  .regex(CALENDAR_DAY_PATTERN, 'a date as YYYY-MM-DD')
  .refine(
    (v) =>
      !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v),
    { message: 'not a calendar date', params: { code: 'invalid_date' } },
  );
// Stricter than decimalSchema on purpose: a bound on an amount is never negative and must fit the
// NUMERIC(24,6) columns it is compared with.
export const AMOUNT_BOUND_PATTERN = /^\d{1,18}(\.\d{1,6})?$/;
export const amountBoundSchema = z.string().trim().regex(AMOUNT_BOUND_PATTERN, 'an amount like 1160.00');

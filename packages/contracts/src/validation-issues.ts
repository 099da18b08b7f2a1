import {
  AMOUNT_BOUND_PATTERN,
  CALENDAR_DAY_PATTERN,
  DECIMAL_PATTERN,
  RFC_PATTERN,
  UUID_PATTERN,
} from './primitives.js';

/**
 * The code of one entry of a problem's `errors[]` (a field that failed its schema or a rule of the
 * route). Clients branch on it and the web shows its own text by it (with `params`); the English
 * `message` beside it stays for API users reading a raw answer. Add a code here and the web's
 * texts test fails until it has its Spanish and English text.
 */
export const validationIssueCodes = [
  'required',
  'invalid_type',
  'too_small',
  'too_big',
  'not_multiple_of',
  'invalid_enum',
  'unrecognized_keys',
  'invalid_format',
  'invalid_email',
  'invalid_url',
  'invalid_uuid',
  'invalid_rfc',
  'invalid_date',
  'invalid_decimal',
  'invalid_amount',
  'contains_nul',
  'invalid_idempotency_key',
  'requires_field',
  'after_field',
  'not_before_field',
  'above_field',
  'invoice_rule',
  'invalid',
] as const;
export type ValidationIssueCode = (typeof validationIssueCodes)[number];

export type IssueParams = Record<string, string | number | string[]>;

/** One entry of `errors[]`: where, which rule (`code`, `params`) and the rule in English. */
export interface ValidationIssue {
  path: string;
  code: ValidationIssueCode;
  message: string;
  params?: IssueParams;
}

/**
 * The `params.code` a `refine` passes to name its rule (zod keeps a refine's `params` on the
 * issue), e.g. `.refine(isDay, { message: 'not a calendar date', params: issueCode('invalid_date') })`.
 */
export const issueCode = (code: ValidationIssueCode) => ({ code });

// Regexes of the shared primitives, by the text zod reports as the issue's `pattern`.
const patternCodes = new Map<string, ValidationIssueCode>([
  [String(RFC_PATTERN), 'invalid_rfc'],
  [String(UUID_PATTERN), 'invalid_uuid'],
  [String(DECIMAL_PATTERN), 'invalid_decimal'],
  [String(CALENDAR_DAY_PATTERN), 'invalid_date'],
  [String(AMOUNT_BOUND_PATTERN), 'invalid_amount'],
]);

const formatCodes: Record<string, ValidationIssueCode> = {
  email: 'invalid_email',
  url: 'invalid_url',
  uuid: 'invalid_uuid',
  guid: 'invalid_uuid',
  date: 'invalid_date',
  datetime: 'invalid_date',
};

const isCode = (value: unknown): value is ValidationIssueCode =>
  typeof value === 'string' && (validationIssueCodes as readonly string[]).includes(value);

/** What a zod issue (as zod or fastify-type-provider-zod hands it over) says, as a code and params. */
export interface ZodIssueLike {
  code: string;
  message?: string;
  [key: string]: unknown;
}

/**
 * Turns a zod issue into our stable code and params. zod's own codes are kept where they already
 * say the rule (`too_small`…); a missing field (zod reports `invalid_type` with "received
 * undefined") is `required`; a regex of the shared primitives is named after what it checks.
 */
export function validationIssueOf(issue: ZodIssueLike): { code: ValidationIssueCode; params?: IssueParams } {
  const origin: IssueParams = typeof issue.origin === 'string' ? { origin: issue.origin } : {};
  switch (issue.code) {
    case 'invalid_type':
      return /received undefined$/.test(issue.message ?? '')
        ? { code: 'required' }
        : { code: 'invalid_type', params: { expected: String(issue.expected ?? '') } };
    case 'too_small':
      return { code: 'too_small', params: { min: Number(issue.minimum), ...origin } };
    case 'too_big':
      return { code: 'too_big', params: { max: Number(issue.maximum), ...origin } };
    case 'not_multiple_of':
      return { code: 'not_multiple_of', params: { divisor: Number(issue.divisor) } };
    case 'invalid_value':
      return { code: 'invalid_enum', params: { allowed: ((issue.values as unknown[]) ?? []).map(String) } };
    case 'unrecognized_keys':
      return { code: 'unrecognized_keys', params: { keys: ((issue.keys as unknown[]) ?? []).map(String) } };
    case 'invalid_format': {
      const byPattern = typeof issue.pattern === 'string' ? patternCodes.get(issue.pattern) : undefined;
      if (byPattern) return { code: byPattern };
      const byFormat = formatCodes[String(issue.format)];
      return byFormat
        ? { code: byFormat }
        : { code: 'invalid_format', params: { format: String(issue.format) } };
    }
    case 'custom': {
      const named = (issue.params as { code?: unknown } | undefined)?.code;
      return isCode(named) ? { code: named } : { code: 'invalid' };
    }
    default:
      return { code: 'invalid' };
  }
}

import type { IssueParams } from '@boveda/contracts';
import type { ValidationMessages } from './validation-es-MX.js';

const list = (value: IssueParams[string] | undefined) =>
  Array.isArray(value) ? value.join(', ') : String(value ?? '');

function bound(p: IssueParams, what: 'min' | 'max'): string {
  const n = p[what];
  switch (p.origin) {
    case 'string':
      return n === 1 ? '1 character' : `${n} characters`;
    case 'array':
    case 'set':
      return n === 1 ? '1 item' : `${n} items`;
    default:
      return String(n);
  }
}

const fields: Record<string, string> = {
  rfc: 'RFC',
  issuerRfc: 'Issuer RFC',
  receiverRfc: 'Receiver RFC',
  from: 'From',
  to: 'To',
  since: 'Since',
  until: 'Until',
  minTotal: 'Minimum total',
  maxTotal: 'Maximum total',
  email: 'Email',
  password: 'Password',
  newPassword: 'New password',
  currentPassword: 'Current password',
  name: 'Name',
  period: 'Period',
  periodStart: 'Period start',
  periodEnd: 'Period end',
  year: 'Year',
  month: 'Month',
  folio: 'Folio',
  uuid: 'UUID',
  direction: 'Direction',
  kind: 'Kind',
  status: 'Status',
  role: 'Role',
  limit: 'Page size',
  cursor: 'Page',
  q: 'Search',
  url: 'URL',
  description: 'Description',
  reasonCode: 'Reason',
  note: 'Note',
  number: 'Number',
  sku: 'SKU',
  quantity: 'Quantity',
  phone: 'Phone',
  push: 'Push',
  pull: 'Pull',
  'idempotency-key': 'Idempotency-Key',
};
const label = (field: unknown) => fields[String(field)] ?? String(field);

export const validationEn: ValidationMessages = {
  showServerDetail: true,
  issues: {
    required: () => 'is required',
    invalid_type: () => 'has the wrong type',
    too_small: (p) =>
      p.origin === 'string' && p.min === 1 ? 'cannot be empty' : `must have at least ${bound(p, 'min')}`,
    too_big: (p) => `must have at most ${bound(p, 'max')}`,
    not_multiple_of: (p) => `must be a multiple of ${p.divisor}`,
    invalid_enum: (p) => `must be one of: ${list(p.allowed)}`,
    unrecognized_keys: (p) => `unknown fields: ${list(p.keys)}`,
    invalid_format: () => 'is not in the expected format',
    invalid_email: () => 'is not a valid email address',
    invalid_url: () => 'is not a valid web address',
    invalid_uuid: () => 'is not a valid identifier (UUID)',
    invalid_rfc: () => 'is not a valid RFC (3–4 letters, 6 digits, 3 letters or digits)',
    invalid_date: () => 'is not a valid date (YYYY-MM-DD)',
    invalid_decimal: () => 'is not a valid decimal number (e.g. 1234.50)',
    invalid_amount: () => 'is not a valid amount (e.g. 1160.00)',
    contains_nul: () => 'contains a character that is not allowed',
    invalid_idempotency_key: (p) => `must be ${p.min} to ${p.max} visible ASCII characters`,
    requires_field: (p) => `also needs ${label(p.field)}`,
    after_field: (p) => `is after ${label(p.field)}`,
    not_before_field: (p) => `must be before ${label(p.field)}`,
    above_field: (p) => `is above ${label(p.field)}`,
    invoice_rule: () => 'breaks an invoice rule',
    invalid: () => 'is not valid',
  },
  fields,
  passwordRules: {
    too_short: (p) => `Use at least ${p.minLength} characters.`,
  },
  passwordHint: (minLength: number) => `At least ${minLength} characters.`,
};

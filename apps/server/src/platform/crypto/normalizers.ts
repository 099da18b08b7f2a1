import { domainToASCII } from 'node:url';
import type { Normalizer } from './blind-index.js';
import { SecretBoxInputError } from './crypto.errors.js';

/**
 * Email: trimmed (any Unicode space, e.g. a pasted NBSP), lower-cased, Unicode NFC, and an
 * internationalized domain in its ASCII (punycode) form, so `Ana@Bücher.MX ` and
 * `ana@xn--bcher-kva.mx` are one address.
 *
 * - NFC, not NFKC: NFC only merges different encodings of the same characters (RFC 6532 asks for
 *   it); NFKC would also merge distinct characters (`ﬁ` into `fi`) that a mail server keeps apart.
 * - The local part is lower-cased although RFC 5321 lets a server treat it case-sensitively: no
 *   provider users meet does, and "Ana@" and "ana@" as two clients is the mistake to prevent.
 * - Gmail's dots and `+tags` are kept. They are one provider's rule (and Google Workspace domains
 *   look like any other), and a tag is how a person deliberately gives two records two addresses.
 *   Uniqueness is of the address, not of the person behind it.
 */
function email(value: string): string {
  const lowered = value.normalize('NFC').trim().toLowerCase().normalize('NFC');
  const at = lowered.lastIndexOf('@');
  if (at <= 0 || at === lowered.length - 1)
    throw new SecretBoxInputError('an email needs a local part, @ and a domain');
  const domain = lowered.slice(at + 1);
  // domainToASCII answers '' for a name that is not a valid domain: index it as written.
  return `${lowered.slice(0, at)}@${domainToASCII(domain) || domain}`;
}

// What people put between digits: spaces, dashes, dots, slashes, parentheses.
const PHONE_SEPARATORS = /[\s\-./()]/g;
const MX = '52';

/**
 * The 10-digit national number. Mexico dials 10 digits since 2019-08-03; numbers written before
 * that still circulate with the prefixes removed then: `01` (long distance), `044`/`045` (mobile),
 * and a `1` after +52 for mobiles called from abroad.
 */
function mxNationalNumber(digits: string, afterCountryCode: boolean): string {
  if (digits.length === 10) return digits;
  if (afterCountryCode && digits.length === 11 && digits.startsWith('1')) return digits.slice(1);
  if (!afterCountryCode) {
    if (digits.length === 12 && digits.startsWith(MX)) return digits.slice(2);
    if (digits.length === 13 && digits.startsWith(`${MX}1`)) return digits.slice(3);
    if (digits.length === 12 && digits.startsWith('01')) return digits.slice(2);
    if (digits.length === 13 && /^04[45]/.test(digits)) return digits.slice(3);
  }
  throw new SecretBoxInputError('a Mexican phone number has 10 digits, optionally after +52');
}

/**
 * Phone, as E.164 (`+525512345678`). Without a country code it is Mexican; `+` or `00` introduce
 * another country, kept as its digits. NFKC first, so full-width digits count as digits. Anything
 * but digits and separators (an extension, letters) is refused rather than silently dropped.
 */
function phoneMx(value: string): string {
  const compact = value.normalize('NFKC').trim().replace(PHONE_SEPARATORS, '');
  const international = compact.startsWith('+') || compact.startsWith('00');
  const digits = compact.startsWith('+') ? compact.slice(1) : international ? compact.slice(2) : compact;
  if (!/^\d+$/.test(digits))
    throw new SecretBoxInputError(
      'a phone number holds only digits, +, spaces, dashes, dots and parentheses',
    );
  if (!international) return `+${MX}${mxNationalNumber(digits, false)}`;
  if (digits.startsWith(MX)) return `+${MX}${mxNationalNumber(digits.slice(2), true)}`;
  // E.164 numbers have at most 15 digits; fewer than 7 is no real subscriber number anywhere.
  if (digits.length < 7 || digits.length > 15)
    throw new SecretBoxInputError('an international phone number has 7 to 15 digits');
  return `+${digits}`;
}

/**
 * RFC (Mexican taxpayer id): upper-case NFC without spaces or dashes. An RFC never contains either,
 * but `XAXX-010101-000` is how it is often written. NFC makes a decomposed Ñ equal the precomposed one.
 */
function rfc(value: string): string {
  return value.normalize('NFC').replace(/[\s-]/g, '').toUpperCase().normalize('NFC');
}

/** The normalizers for `blindIndex`; a module may pass its own (a pure, stable function). */
export const normalize = { email, phoneMx, rfc } satisfies Record<string, Normalizer>;

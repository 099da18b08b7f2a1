/**
 * RFC and UUID: validation and the position-aware OCR correction of docs/inbox-extraction.md §2.3.
 * The text layer and OCR text go through the same functions, so a clean value passes unchanged and
 * an OCR'd one is fixed only where the position makes the fix unambiguous.
 */

// SAT XSD t_RFC: 3 (persona moral) or 4 (física) letters, YYMMDD, 3-character homoclave.
const RFC = /^([A-ZÑ&]{3,4})(\d{2})(\d{2})(\d{2})([A-Z0-9]{2}[0-9A])$/;
const UUID = /^[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}$/;

export const RFC_GENERIC = 'XAXX010101000';
export const RFC_FOREIGN = 'XEXX010101000';

function validDate(yy: string, mm: string, dd: string): boolean {
  const month = Number(mm);
  const day = Number(dd);
  if (month < 1 || month > 12 || day < 1) return false;
  // The century is unknown (an RFC from 1950 and one from 2050 look alike); a leap year in either
  // century accepts 29 Feb, which is what SAT's own validators do for YY=00.
  const year = 2000 + Number(yy);
  const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return day <= days;
}

/** Format and birth/incorporation date; the check digit is deliberately not required (§2.3). */
export function isValidRfc(value: string): boolean {
  const m = RFC.exec(value);
  return m !== null && validDate(m[2]!, m[3]!, m[4]!);
}

export const isValidUuid = (value: string): boolean => UUID.test(value.toUpperCase());

// OCR confuses letters and digits that look alike; the fix depends on what the position allows.
const DIGIT_AS_LETTER: Record<string, string> = { '0': 'O', '1': 'I', '5': 'S', '8': 'B', '2': 'Z' };
const LETTER_AS_DIGIT: Record<string, string> = { O: '0', Q: '0', D: '0', I: '1', L: '1', S: '5', B: '8' };

/**
 * The RFC an OCR'd token most likely reads, or null. Letters part: digits become their look-alike
 * letters; date part: letters become digits; the homoclave can hold both, so it is left alone.
 * `1SD950921HE5` and `15D950921HE5` → `ISD950921HE5`; `URE18O429TM6` → `URE180429TM6`.
 */
export function correctRfc(raw: string): string | null {
  const token = raw.replace(/[\s.-]/g, '');
  if (token.length !== 12 && token.length !== 13) return null;
  const upper = token.toUpperCase();
  if (isValidRfc(upper)) return upper;
  const lettersLength = token.length - 9;
  const letters = [...upper.slice(0, lettersLength)].map((c) => DIGIT_AS_LETTER[c] ?? c).join('');
  const date = [...upper.slice(lettersLength, lettersLength + 6)]
    .map((c) => LETTER_AS_DIGIT[c] ?? c)
    .join('');
  const fixed = `${letters}${date}${upper.slice(lettersLength + 6)}`;
  return isValidRfc(fixed) ? fixed : null;
}

// Non-hex glyphs that OCR reads instead of hex digits; B/D stay (they are hex themselves).
const NON_HEX_AS_HEX: Record<string, string> = {
  O: '0',
  o: '0',
  Q: '0',
  I: '1',
  l: '1',
  i: '1',
  S: '5',
  s: '5',
};

/**
 * The UUID an OCR'd token most likely reads (upper case), or null. Only substitutions: an inserted
 * or dropped glyph changes a group's length and is left for the QR or a person to settle.
 */
export function correctUuid(raw: string): string | null {
  const token = raw.replace(/\s*[-–—]\s*/g, '-').replace(/\s/g, '');
  if (isValidUuid(token)) return token.toUpperCase();
  const fixed = [...token]
    .map((c) => NON_HEX_AS_HEX[c] ?? c)
    .join('')
    .toUpperCase();
  return isValidUuid(fixed) ? fixed : null;
}

/** Loose candidates for OCR'd RFCs: 12–13 glyphs where letters and digits may be confused. */
export const RFC_CANDIDATE = /(?<![A-Z0-9Ñ&])[A-ZÑ&0-9]{3,4}[0-9OIlSBQD]{6}[A-Z0-9l]{3}(?![A-Z0-9Ñ&])/gi;
/** Loose candidates for UUIDs: 8-4-4-4-12 of hex-like glyphs, dashes possibly spaced. */
export const UUID_CANDIDATE =
  /[0-9A-FOQISl]{8}\s*-\s*[0-9A-FOQISl]{4}\s*-\s*[0-9A-FOQISl]{4}\s*-\s*[0-9A-FOQISl]{4}\s*-\s*[0-9A-FOQISl]{12}/gi;

/** Every valid RFC in a piece of text, corrected, in order of appearance, without repeats. */
export function findRfcs(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(RFC_CANDIDATE)) {
    const rfc = correctRfc(m[0]);
    if (rfc && !out.includes(rfc)) out.push(rfc);
  }
  return out;
}

export function findUuids(text: string): Array<{ uuid: string; index: number }> {
  const out: Array<{ uuid: string; index: number }> = [];
  for (const m of text.matchAll(UUID_CANDIDATE)) {
    const uuid = correctUuid(m[0]);
    if (uuid) out.push({ uuid, index: m.index });
  }
  return out;
}

import { normalizeDecimal } from './decimal.js';
import { correctRfc, isValidUuid } from './identifiers.js';

/** The five facts the QR of a printed CFDI carries (Anexo 20, §2.1 of docs/inbox-extraction.md). */
export interface QrExpression {
  /** Upper case. */
  uuid: string;
  rfcEmisor: string;
  rfcReceptor: string;
  /** Normalized decimal string: '0000014300.000000' → '14300.00'. */
  total: string;
  /** Last 8 characters of the emisor's seal; null on CFDI 3.2 expressions, which have none. */
  sealTail: string | null;
  /** The decoded text as it was, for the SAT status service's `expresionImpresa`. */
  raw: string;
}

/**
 * Reads the parameters by hand: URLSearchParams turns the `+` of a base64 `fe` into a space. A value
 * runs up to the next `&id=`/`&re=`/… so an RFC holding `&` (`re=H&amp;E951128469`) stays whole.
 * Accepts the real-world variants: any parameter order, upper/lower-case names and UUID,
 * `default.aspx&id=` without `?`, 3.2's `?re=&rr=&tt=&id=` with a zero-padded total.
 */
function queryParams(text: string): Map<string, string> {
  const params = new Map<string, string>();
  const keys = [...text.matchAll(/[?&](?:amp;)?(id|re|rr|tt|fe)=/gi)];
  keys.forEach((m, i) => {
    const key = m[1]!.toLowerCase();
    const from = m.index + m[0].length;
    const to = keys[i + 1]?.index ?? text.length;
    const value = safeDecode(text.slice(from, to).trim()).replace(/&amp;/gi, '&');
    if (!params.has(key)) params.set(key, value);
  });
  return params;
}

// Percent-escapes only (`%26` for the `&` of an RFC); never '+' → ' '.
function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

/** The expression's fields, or null when the text is not a CFDI verification QR. */
export function parseQrExpression(text: string): QrExpression | null {
  const raw = text.trim();
  const p = queryParams(raw);
  const uuid = p.get('id')?.toUpperCase();
  const re = p.get('re')?.toUpperCase();
  const rr = p.get('rr')?.toUpperCase();
  const tt = p.get('tt');
  if (!uuid || !isValidUuid(uuid) || !re || !rr || !tt) return null;
  const rfcEmisor = correctRfc(re) === re ? re : null;
  const rfcReceptor = correctRfc(rr) === rr ? rr : null;
  const total = normalizeDecimal(tt);
  if (!rfcEmisor || !rfcReceptor || total === null) return null;
  const fe = p.get('fe');
  return { uuid, rfcEmisor, rfcReceptor, total, sealTail: fe && fe.length > 0 ? fe : null, raw };
}

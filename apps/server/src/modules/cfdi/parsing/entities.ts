/**
 * The only entity expansion we allow: XML's five predefined entities and numeric character
 * references. Entities declared by a document (DOCTYPE) are never registered, so even if a DTD
 * slipped past the prolog check nothing it declares would expand. Unknown references stay literal.
 */
const PREDEFINED: Record<string, string> = { amp: '&', apos: "'", gt: '>', lt: '<', quot: '"' };

export function decodeEntities(text: string): string {
  let amp = text.indexOf('&');
  if (amp === -1) return text;
  let out = '';
  let from = 0;
  let semi = -1;
  while (amp !== -1) {
    // The ';' found for an earlier '&' is still the first one after this '&' while it lies ahead:
    // searching again from every '&' would make '&&&…&;' quadratic (minutes for a 20 MB value).
    if (semi <= amp) semi = text.indexOf(';', amp + 1);
    if (semi === -1) break;
    // Entity names are short; a distant ';' means this '&' is not a reference.
    const replacement = semi - amp > 12 ? null : resolve(text.slice(amp + 1, semi));
    if (replacement !== null) {
      out += text.slice(from, amp) + replacement;
      from = semi + 1;
    }
    amp = text.indexOf('&', replacement === null ? amp + 1 : semi + 1);
  }
  return out + text.slice(from);
}

function resolve(name: string): string | null {
  if (name.charCodeAt(0) !== 35 /* # */) return PREDEFINED[name] ?? null;
  const hex = name[1] === 'x' || name[1] === 'X';
  const digits = name.slice(hex ? 2 : 1);
  if (digits === '' || !(hex ? /^[0-9a-fA-F]+$/ : /^[0-9]+$/).test(digits)) return null;
  const code = Number.parseInt(digits, hex ? 16 : 10);
  return isXmlChar(code) ? String.fromCodePoint(code) : null;
}

// XML 1.0 Char production: no NUL, no other C0 controls except tab/LF/CR, no surrogates.
function isXmlChar(c: number): boolean {
  return (
    c === 0x9 ||
    c === 0xa ||
    c === 0xd ||
    (c >= 0x20 && c <= 0xd7ff) ||
    (c >= 0xe000 && c <= 0xfffd) ||
    (c >= 0x10000 && c <= 0x10ffff)
  );
}

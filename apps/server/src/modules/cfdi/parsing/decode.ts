import { TextDecoder } from 'node:util';
import { CfdiParseError } from './errors.js';

/** A CFDI is a few KB; the largest real ones (big addenda, Carta Porte) stay well under this. */
export const DEFAULT_MAX_XML_BYTES = 20 * 1024 * 1024;

// fatal: an invalid byte sequence must fail the file instead of becoming U+FFFD inside an RFC or a name.
const UTF8 = new TextDecoder('utf-8', { fatal: true });
const UTF16LE = new TextDecoder('utf-16le', { fatal: true });
const UTF16BE = new TextDecoder('utf-16be', { fatal: true });
// WHATWG 'latin1' is windows-1252, a superset of ISO-8859-1's printable range; 3.2-era files used it.
const LATIN1 = new TextDecoder('latin1');

const UTF8_NAMES = new Set(['utf-8', 'utf8']);
const LATIN1_NAMES = new Set(['iso-8859-1', 'iso8859-1', 'latin1', 'latin-1', 'windows-1252', 'cp1252']);
const DECLARED_ENCODING = /^<\?xml[^>]*?\sencoding\s*=\s*["']([A-Za-z0-9._-]+)["']/;

/**
 * Bytes → string, honouring a BOM and the XML declaration's encoding. Anything that is not valid
 * in the encoding it claims is refused (NOT_UTF8) rather than silently repaired.
 */
export function decodeXml(input: Buffer | string, maxBytes = DEFAULT_MAX_XML_BYTES): string {
  if (typeof input === 'string') {
    // UTF-16 length is a cheap lower bound of the UTF-8 size; exact enough for a safety cap.
    if (input.length > maxBytes) throw tooLarge(input.length, maxBytes);
    if (input.length === 0) throw new CfdiParseError('EMPTY_FILE', 'the file is empty');
    return input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  }
  if (input.length > maxBytes) throw tooLarge(input.length, maxBytes);
  if (input.length === 0) throw new CfdiParseError('EMPTY_FILE', 'the file is empty');
  if (input[0] === 0xff && input[1] === 0xfe) return decodeWith(UTF16LE, input.subarray(2), 'UTF-16LE');
  if (input[0] === 0xfe && input[1] === 0xff) return decodeWith(UTF16BE, input.subarray(2), 'UTF-16BE');
  const hasBom = input[0] === 0xef && input[1] === 0xbb && input[2] === 0xbf;
  const body = hasBom ? input.subarray(3) : input;
  const declared = hasBom ? null : declaredEncoding(body);
  if (declared === null || UTF8_NAMES.has(declared)) return decodeWith(UTF8, body, 'UTF-8');
  if (LATIN1_NAMES.has(declared)) return LATIN1.decode(body);
  throw new CfdiParseError('UNSUPPORTED_ENCODING', `declared encoding "${declared}" is not supported`);
}

function declaredEncoding(body: Buffer): string | null {
  if (body[0] !== 0x3c || body[1] !== 0x3f) return null; // '<?'
  const head = body.subarray(0, 200).toString('latin1');
  const m = DECLARED_ENCODING.exec(head);
  return m?.[1] ? m[1].toLowerCase() : null;
}

function decodeWith(decoder: TextDecoder, bytes: Buffer, label: string): string {
  try {
    return decoder.decode(bytes);
  } catch (cause) {
    throw new CfdiParseError('NOT_UTF8', `the file is not valid ${label}`, { cause });
  }
}

function tooLarge(size: number, max: number): CfdiParseError {
  return new CfdiParseError('FILE_TOO_LARGE', `the file has ${size} bytes; the limit is ${max}`);
}

/**
 * What a file is, by its content: uploads arrive with whatever name and MIME type the sender's
 * software chose, so the extension is never trusted.
 */
export type SniffedType = 'pdf' | 'png' | 'jpeg' | 'xml' | 'other-xml' | 'empty' | 'unsupported';

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const CFDI_NAMESPACES = ['http://www.sat.gob.mx/cfd/3', 'http://www.sat.gob.mx/cfd/4'];
// The PDF spec lets `%PDF-` start anywhere in the first 1 024 bytes (readers skip junk before it).
const PDF_HEADER_WINDOW = 1024;
// The root element of a CFDI comes after at most a declaration and a few comments.
const XML_HEAD_WINDOW = 64 * 1024;

function startsWith(bytes: Uint8Array, signature: number[]): boolean {
  return signature.every((b, i) => bytes[i] === b);
}

function decodeHead(bytes: Uint8Array): string {
  const head = bytes.subarray(0, XML_HEAD_WINDOW);
  if (head[0] === 0xff && head[1] === 0xfe) return new TextDecoder('utf-16le').decode(head);
  if (head[0] === 0xfe && head[1] === 0xff) return new TextDecoder('utf-16be').decode(head);
  // latin1 never throws and keeps ASCII markup readable whatever the real encoding.
  return Buffer.from(head.buffer, head.byteOffset, head.byteLength)
    .toString('latin1')
    .replace(/^\u00ef\u00bb\u00bf/, '');
}

// Prolog: declaration, comments, processing instructions, a DOCTYPE (with an internal subset).
const ROOT =
  /^(?:\s|<\?[\s\S]*?\?>|<!--[\s\S]*?-->|<!DOCTYPE[^[>]*(?:\[[\s\S]*?\])?\s*>)*<([A-Za-z_][\w.-]*(?::[A-Za-z_][\w.-]*)?)(\s[^>]*)?\/?>/;

/** 'xml' for a Comprobante in the CFDI 3.x/4.0 namespace; 'other-xml' for any other XML. */
function sniffXml(bytes: Uint8Array): 'xml' | 'other-xml' | null {
  const text = decodeHead(bytes).replace(/^\uFEFF/, '');
  if (!/^\s*</.test(text)) return null;
  const m = ROOT.exec(text);
  if (!m) return 'other-xml';
  const qName = m[1]!;
  const colon = qName.indexOf(':');
  const prefix = colon === -1 ? '' : qName.slice(0, colon);
  const local = colon === -1 ? qName : qName.slice(colon + 1);
  const attrs = m[2] ?? '';
  const ns = new RegExp(`xmlns${prefix ? `:${prefix}` : ''}\\s*=\\s*["']([^"']*)["']`).exec(attrs)?.[1];
  return local === 'Comprobante' && ns !== undefined && CFDI_NAMESPACES.includes(ns) ? 'xml' : 'other-xml';
}

export function sniffType(bytes: Uint8Array): SniffedType {
  if (bytes.length === 0 || bytes.every((b) => b === 0x20 || b === 0x0a || b === 0x0d || b === 0x09)) {
    return 'empty';
  }
  if (startsWith(bytes, PNG_SIGNATURE)) return 'png';
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'jpeg';
  if (
    Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, PDF_HEADER_WINDOW)).includes(
      '%PDF-',
    )
  ) {
    return 'pdf';
  }
  return sniffXml(bytes) ?? 'unsupported';
}

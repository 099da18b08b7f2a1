/**
 * What an uploaded file is, by its first bytes (never by its name or the browser's content type):
 * a PDF, a PNG, a JPEG or the XML of a CFDI. Everything else is refused at upload.
 */
export type FileKind = 'pdf' | 'png' | 'jpeg' | 'xml';

export const MEDIA_TYPES: Record<FileKind, string> = {
  pdf: 'application/pdf',
  png: 'image/png',
  jpeg: 'image/jpeg',
  xml: 'application/xml',
};

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
// A CFDI's root element, with any prefix, in the 3.x or 4.0 namespace (checked again by the parser).
const CFDI_ROOT = /<(?:[A-Za-z_][\w.-]*:)?Comprobante[\s>]/;
const CFDI_NAMESPACE = /http:\/\/www\.sat\.gob\.mx\/cfd\/[34]/;

/** `head` = the first bytes of the file (64 KB is plenty: a CFDI's root comes first). */
export function fileKindOf(head: Buffer): FileKind | null {
  if (head.length === 0) return null;
  if (head.subarray(0, 8).equals(PNG_SIGNATURE)) return 'png';
  if (head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff) return 'jpeg';
  // Readers accept junk before the header within the first KB; producers do emit some.
  if (head.subarray(0, 1024).includes('%PDF-')) return 'pdf';
  const text = head
    .toString('utf8')
    .replace(/^\uFEFF/, '')
    .trimStart();
  if (text.startsWith('<') && CFDI_ROOT.test(text) && CFDI_NAMESPACE.test(text)) return 'xml';
  return null;
}

export const fileKindGroup = (kind: FileKind): 'xml' | 'pdf' | 'image' =>
  kind === 'png' || kind === 'jpeg' ? 'image' : kind;

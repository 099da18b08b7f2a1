/**
 * The four kinds of file the inbox accepts (decided by content: `extraction/sniff.ts`), their media
 * types and how they group (a PNG and a JPEG are both an image).
 */
export type FileKind = 'pdf' | 'png' | 'jpeg' | 'xml';

export const MEDIA_TYPES: Record<FileKind, string> = {
  pdf: 'application/pdf',
  png: 'image/png',
  jpeg: 'image/jpeg',
  xml: 'application/xml',
};

export const fileKindGroup = (kind: FileKind): 'xml' | 'pdf' | 'image' =>
  kind === 'png' || kind === 'jpeg' ? 'image' : kind;

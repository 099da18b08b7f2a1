import { randomUUID } from 'node:crypto';
import { PassThrough, pipeline, Transform } from 'node:stream';
import type { FastifyRequest } from 'fastify';
import { appError } from '../../platform/errors/app-error.js';
import type { ObjectStore } from '../../platform/storage/index.js';
import { sniffType } from './extraction/sniff.js';
import { type FileKind, MEDIA_TYPES } from './file-kind.js';
import { inboxErrors } from './inbox.errors.js';

export interface StoredUpload {
  fileId: string;
  name: string;
  kind: FileKind;
  mediaType: string;
  size: number;
  sha256: string;
  storageKey: string;
}

const HEAD_BYTES = 64 * 1024;

/** Where an upload's bytes live: per organization and month, named by the file's id. */
const inboxObjectKey = (tenantId: string, fileId: string) =>
  `inbox/${tenantId}/${new Date().toISOString().slice(0, 7)}/${fileId}`;

/** The kind the inbox accepts for these first bytes, or null (refused). */
function acceptedKind(head: Uint8Array): FileKind | null {
  const sniffed = sniffType(head);
  return sniffed === 'pdf' || sniffed === 'png' || sniffed === 'jpeg' || sniffed === 'xml' ? sniffed : null;
}

/** File names are shown to people and used to pair an XML with its PDF; nothing else trusts them. */
function cleanName(raw: string | undefined): string {
  const base = (raw ?? '').split(/[\\/]/).pop() ?? '';
  const clean = [...base]
    .filter((c) => c.charCodeAt(0) >= 0x20 && c.charCodeAt(0) !== 0x7f)
    .join('')
    .trim()
    .slice(0, 200);
  return clean || 'documento';
}

/** Keeps the first bytes that pass through, for the content check, without buffering the rest. */
function headCapture() {
  const chunks: Buffer[] = [];
  let kept = 0;
  const stream = new Transform({
    transform(chunk: Buffer, _enc, done) {
      if (kept < HEAD_BYTES) {
        chunks.push(chunk.subarray(0, HEAD_BYTES - kept));
        kept += Math.min(chunk.length, HEAD_BYTES - kept);
      }
      done(null, chunk);
    },
  });
  return { stream, head: () => Buffer.concat(chunks) };
}

/**
 * Streams every part named `file` into object storage as it arrives (never whole in memory),
 * then checks each one's content. All or nothing: a part over the size limit, an empty part or one
 * that is not a PDF, JPG, PNG or CFDI XML refuses the whole upload and deletes what was stored.
 */
export async function readInvoiceUpload(
  req: FastifyRequest,
  deps: { storage: ObjectStore; tenantId: string; maxFileBytes: number; maxFiles: number },
): Promise<StoredUpload[]> {
  if (!req.isMultipart()) {
    throw appError('UNSUPPORTED_MEDIA_TYPE', 'Send multipart/form-data with one or more parts named "file".');
  }
  const stored: StoredUpload[] = [];
  try {
    const parts = req.parts({
      limits: {
        fileSize: deps.maxFileBytes,
        files: deps.maxFiles + 1,
        fields: 10,
        parts: deps.maxFiles + 10,
      },
    });
    for await (const part of parts) {
      if (part.type !== 'file') continue;
      if (part.fieldname !== 'file') {
        part.file.resume();
        continue;
      }
      if (stored.length >= deps.maxFiles) {
        part.file.resume();
        throw inboxErrors('INVOICE_TOO_MANY_FILES');
      }
      const fileId = randomUUID();
      const storageKey = inboxObjectKey(deps.tenantId, fileId);
      const capture = headCapture();
      const body = new PassThrough();
      // pipeline, not pipe: a client that aborts mid-file errors `body`, so the put fails, not hangs.
      pipeline(part.file, capture.stream, body, () => {});
      // Stored before the limit is known to hold: a truncated part is deleted right after.
      const put = await deps.storage.put(storageKey, body);
      const upload: StoredUpload = {
        fileId,
        name: cleanName(part.filename),
        kind: 'pdf',
        mediaType: '',
        size: put.size,
        sha256: put.sha256,
        storageKey,
      };
      stored.push(upload);
      if (part.file.truncated) throw inboxErrors('INVOICE_FILE_TOO_LARGE');
      const kind = acceptedKind(capture.head());
      if (!kind) {
        throw inboxErrors(
          'INVOICE_UNSUPPORTED_TYPE',
          put.size === 0
            ? `"${upload.name}" is empty.`
            : `"${upload.name}" is not a PDF, JPG, PNG or CFDI XML (its content was checked).`,
        );
      }
      upload.kind = kind;
      upload.mediaType = MEDIA_TYPES[kind];
    }
  } catch (err) {
    await Promise.all(stored.map((s) => deps.storage.delete(s.storageKey).catch(() => {})));
    if (isFileTooLarge(err)) throw inboxErrors('INVOICE_FILE_TOO_LARGE');
    if (isTooManyFiles(err)) throw inboxErrors('INVOICE_TOO_MANY_FILES');
    throw err;
  }
  if (stored.length === 0) throw inboxErrors('INVOICE_NO_FILES');
  return stored;
}

const codeOf = (err: unknown) =>
  err && typeof err === 'object' && 'code' in err ? String((err as { code: unknown }).code) : '';
const isFileTooLarge = (err: unknown) => codeOf(err) === 'FST_REQ_FILE_TOO_LARGE';
const isTooManyFiles = (err: unknown) =>
  codeOf(err) === 'FST_FILES_LIMIT' || codeOf(err) === 'FST_PARTS_LIMIT';

/**
 * Files already in memory (the demo, a CLI import): stored and checked like an upload, all or
 * nothing.
 */
export async function storeInboxFiles(
  storage: ObjectStore,
  tenantId: string,
  files: { name: string; bytes: Buffer }[],
): Promise<StoredUpload[]> {
  const stored: StoredUpload[] = [];
  try {
    for (const f of files) {
      const kind = acceptedKind(f.bytes.subarray(0, HEAD_BYTES));
      if (!kind) {
        throw inboxErrors(
          'INVOICE_UNSUPPORTED_TYPE',
          `"${cleanName(f.name)}" is not a PDF, JPG, PNG or CFDI XML.`,
        );
      }
      const fileId = randomUUID();
      const storageKey = inboxObjectKey(tenantId, fileId);
      const put = await storage.put(storageKey, f.bytes);
      stored.push({
        fileId,
        name: cleanName(f.name),
        kind,
        mediaType: MEDIA_TYPES[kind],
        size: put.size,
        sha256: put.sha256,
        storageKey,
      });
    }
  } catch (err) {
    await Promise.all(stored.map((s) => storage.delete(s.storageKey).catch(() => {})));
    throw err;
  }
  return stored;
}

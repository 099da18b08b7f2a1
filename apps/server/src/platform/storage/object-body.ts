import { createHash } from 'node:crypto';
import { pipeline, Readable, Transform } from 'node:stream';
import type { ObjectBody, PutResult } from './storage.port.js';

/** Bytes of an in-memory body, or null when the body is a stream. */
export function bodyBytes(body: ObjectBody): Buffer | null {
  if (typeof body === 'string') return Buffer.from(body, 'utf8');
  if (Buffer.isBuffer(body)) return body;
  if (body instanceof Uint8Array) return Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  return null;
}

export type DigestingStream = Transform & { result(): PutResult };

/**
 * Pipes `body` through a digest tap. `pipeline` (not `pipe`) so that a failing source destroys
 * the tap with the same error and the consumer sees it instead of waiting forever.
 */
export function digesting(body: NodeJS.ReadableStream): DigestingStream {
  const source = body instanceof Readable ? body : new Readable().wrap(body);
  const tap = createDigestTap();
  pipeline(source, tap, () => {});
  return tap;
}

export function digestOf(bytes: Buffer): PutResult {
  return { size: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') };
}

/** A pass-through that measures what flows through it, so uploads are hashed while streaming. */
function createDigestTap(): DigestingStream {
  const hash = createHash('sha256');
  let size = 0;
  const tap = new Transform({
    transform(chunk: Buffer | string, _encoding, callback) {
      const bytes = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
      hash.update(bytes);
      size += bytes.length;
      callback(null, bytes);
    },
  });
  let digest: string | undefined;
  return Object.assign(tap, {
    result(): PutResult {
      digest ??= hash.digest('hex');
      return { size, sha256: digest };
    },
  });
}

export function checkRange(start: number, endInclusive: number): void {
  if (
    !Number.isSafeInteger(start) ||
    !Number.isSafeInteger(endInclusive) ||
    start < 0 ||
    endInclusive < start
  ) {
    throw new RangeError(`Invalid byte range ${start}-${endInclusive}`);
  }
}

import { InvalidObjectKeyError } from './storage.port.js';

// S3 caps keys at 1024 bytes of UTF-8, so we count bytes, not characters ("Ñ" is two).
const MAX_KEY_BYTES = 1024;
// Linux file systems cap a path component at 255 bytes; the same limit on every driver keeps
// a key that works on S3 from failing later on the filesystem driver.
const MAX_SEGMENT_BYTES = 255;
const SEGMENT_CHARS = /^[\p{L}\p{M}\p{Nd}\-_.@=+ ]+$/u;

/**
 * Validates a key and returns it in Unicode NFC, so "Ñ" typed as N + combining tilde and the
 * precomposed "Ñ" name the same object on every driver and file system.
 */
export function normalizeObjectKey(key: string): string {
  if (typeof key !== 'string') throw new InvalidObjectKeyError(String(key), 'must be a string');
  const normalized = key.normalize('NFC');
  if (normalized.length === 0) throw new InvalidObjectKeyError(key, 'must not be empty');
  if (Buffer.byteLength(normalized, 'utf8') > MAX_KEY_BYTES) {
    throw new InvalidObjectKeyError(key, `must be at most ${MAX_KEY_BYTES} bytes of UTF-8`);
  }
  if (normalized.startsWith('/')) throw new InvalidObjectKeyError(key, 'must not start with "/"');
  for (const segment of normalized.split('/')) checkSegment(key, segment);
  return normalized;
}

/**
 * A list prefix is a key that may be empty, may end in "/", and whose last segment may be partial
 * (plain string-prefix semantics, as on S3).
 */
export function normalizeObjectPrefix(prefix: string): string {
  if (typeof prefix !== 'string') throw new InvalidObjectKeyError(String(prefix), 'must be a string');
  if (prefix === '') return '';
  const trimmed = prefix.endsWith('/') ? prefix.slice(0, -1) : prefix;
  const normalized = normalizeObjectKey(trimmed);
  return prefix.endsWith('/') ? `${normalized}/` : normalized;
}

function checkSegment(key: string, segment: string): void {
  if (segment === '')
    throw new InvalidObjectKeyError(key, 'must not contain empty segments ("//" or a trailing "/")');
  if (segment === '.' || segment === '..')
    throw new InvalidObjectKeyError(key, 'must not contain "." or ".." segments');
  if (Buffer.byteLength(segment, 'utf8') > MAX_SEGMENT_BYTES) {
    throw new InvalidObjectKeyError(key, `segments must be at most ${MAX_SEGMENT_BYTES} bytes of UTF-8`);
  }
  if (!SEGMENT_CHARS.test(segment)) {
    throw new InvalidObjectKeyError(key, 'segments may only hold letters, digits, spaces and - _ . @ = +');
  }
}

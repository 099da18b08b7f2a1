/**
 * Base64-encodes a byte stream chunk by chunk. Each emitted piece encodes a multiple of 3 bytes (the
 * remainder is carried to the next chunk), so the concatenation equals the base64 of the whole stream
 * and nothing bigger than one chunk is ever held.
 */
export async function* base64Chunks(
  source: AsyncIterable<Buffer | Uint8Array | string>,
): AsyncGenerator<string> {
  let carry = Buffer.alloc(0);
  for await (const piece of source) {
    const bytes = typeof piece === 'string' ? Buffer.from(piece) : Buffer.from(piece);
    const joined = carry.length ? Buffer.concat([carry, bytes]) : bytes;
    const usable = joined.length - (joined.length % 3);
    if (usable > 0) yield joined.subarray(0, usable).toString('base64');
    carry = joined.subarray(usable);
  }
  if (carry.length) yield carry.toString('base64');
}

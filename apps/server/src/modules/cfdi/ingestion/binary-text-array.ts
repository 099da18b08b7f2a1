/**
 * A PostgreSQL `text[]` in the binary wire format (what `array_recv` reads), built one element at
 * a time into one growing buffer. node-postgres sends a Buffer parameter in binary format, so a
 * 20,000-row metadata batch travels as 15 buffers: no per-value escaping or quoting on our side,
 * no literal parsing on the server's, and the strings of each row die young (they are copied into
 * the buffer at once), which keeps the parse worker out of old-generation garbage collection.
 *
 * Each builder owns its ArrayBuffer (allocUnsafeSlow, never Node's shared pool), so a finished
 * array can be transferred to another thread without detaching anything else.
 *
 * Layout: int32 ndim (1), int32 has-nulls flag, int32 element type oid (25 = text), int32 length,
 * int32 lower bound (1), then per element int32 byte length (-1 = NULL) and its UTF-8 bytes.
 */
const HEADER_BYTES = 20;
const TEXT_OID = 25;

export class BinaryTextArrayBuilder {
  private buffer: Buffer;
  private end = HEADER_BYTES;
  private count = 0;
  private hasNull = false;

  constructor(initialBytes = 64 * 1024) {
    this.buffer = Buffer.allocUnsafeSlow(Math.max(initialBytes, HEADER_BYTES));
  }

  get length(): number {
    return this.count;
  }

  push(value: string | null): void {
    if (value === null) {
      this.reserve(4);
      this.buffer.writeInt32BE(-1, this.end);
      this.end += 4;
      this.hasNull = true;
    } else {
      // A UTF-16 code unit never takes more than 3 UTF-8 bytes.
      this.reserve(4 + value.length * 3);
      const b = this.buffer;
      const start = this.end + 4;
      // Most values (UUIDs, RFCs, dates, amounts) are ASCII: copying their char codes in a loop
      // costs half of a Buffer.write call (~30 vs ~60 ns per value, 15 values per row).
      let bytes = value.length;
      for (let i = 0; i < value.length; i++) {
        const c = value.charCodeAt(i);
        if (c > 0x7f) {
          bytes = b.write(value, start, 'utf8');
          break;
        }
        b[start + i] = c;
      }
      b.writeInt32BE(bytes, this.end);
      this.end = start + bytes;
    }
    this.count++;
  }

  /** The finished array; the builder must not be used afterwards. */
  finish(): Buffer {
    const b = this.buffer;
    b.writeInt32BE(1, 0);
    b.writeInt32BE(this.hasNull ? 1 : 0, 4);
    b.writeInt32BE(TEXT_OID, 8);
    b.writeInt32BE(this.count, 12);
    b.writeInt32BE(1, 16);
    return b.subarray(0, this.end);
  }

  private reserve(bytes: number): void {
    if (this.end + bytes <= this.buffer.length) return;
    const grown = Buffer.allocUnsafeSlow(Math.max(this.buffer.length * 2, this.end + bytes));
    this.buffer.copy(grown, 0, 0, this.end);
    this.buffer = grown;
  }
}

/** Element `index` (0-based) of an array built above, for error messages; null if NULL or absent. */
export function binaryTextArrayElement(array: Buffer, index: number): string | null {
  const count = array.readInt32BE(12);
  if (index < 0 || index >= count) return null;
  let at = HEADER_BYTES;
  for (let i = 0; i < index; i++) {
    const n = array.readInt32BE(at);
    at += 4 + Math.max(n, 0);
  }
  const n = array.readInt32BE(at);
  return n < 0 ? null : array.toString('utf8', at + 4, at + 4 + n);
}

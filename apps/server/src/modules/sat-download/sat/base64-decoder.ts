/** The package text is not valid base64 (bad characters, misplaced padding, a cut group). */
export class PackageFormatError extends Error {
  readonly code = 'SAT_PACKAGE_FORMAT';
  constructor(reason: string) {
    super(`unreadable package: ${reason}`);
    this.name = 'PackageFormatError';
  }
}

const WHITESPACE = /[\s]/;
const WHITESPACE_ALL = /[\s]+/g;
const NOT_BASE64 = /[^A-Za-z0-9+/=]/;

/**
 * Decodes base64 text that arrives in pieces cut anywhere. Whitespace (the line breaks some encoders
 * insert) is ignored; an incomplete 4-character group is carried to the next piece, so only whole
 * groups are decoded and memory stays one piece wide. Node's own decoder skips bad characters
 * silently; here they are an error, so a damaged package is never stored as if it were whole.
 */
export class Base64Decoder {
  private carry = '';
  private finished = false;
  private decoded = 0;

  /** Bytes decoded so far. */
  get size(): number {
    return this.decoded;
  }

  push(piece: string): Buffer | null {
    const text = WHITESPACE.test(piece) ? piece.replace(WHITESPACE_ALL, '') : piece;
    if (!text) return null;
    if (this.finished) throw new PackageFormatError('data after the base64 padding');
    if (NOT_BASE64.test(text)) throw new PackageFormatError('a character that is not base64');
    const all = this.carry + text;
    const pad = all.indexOf('=');
    if (pad !== -1) {
      // Padding ends the data: one or two "=" closing the last group, nothing after them.
      const padding = all.length - pad;
      if (pad % 4 < 2 || padding > 2 || all.slice(pad).replace(/=/g, '') !== '') {
        throw new PackageFormatError('misplaced base64 padding');
      }
      if (all.length % 4 !== 0) {
        this.carry = all;
        return null;
      }
      this.carry = '';
      this.finished = true;
      return this.decode(all);
    }
    const usable = all.length - (all.length % 4);
    this.carry = all.slice(usable);
    return usable ? this.decode(usable === all.length ? all : all.slice(0, usable)) : null;
  }

  /** Throws when the text stopped in the middle of a group (a cut package). */
  end(): void {
    if (this.carry) throw new PackageFormatError('the base64 text ends in the middle of a group');
  }

  private decode(groups: string): Buffer {
    const bytes = Buffer.from(groups, 'base64');
    this.decoded += bytes.length;
    return bytes;
  }
}

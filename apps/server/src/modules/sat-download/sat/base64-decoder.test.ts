import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { Base64Decoder, PackageFormatError } from './base64-decoder.js';

function decodeInPieces(text: string, cuts: number[]): string {
  const decoder = new Base64Decoder();
  const out: Buffer[] = [];
  let from = 0;
  for (const cut of [...cuts, text.length]) {
    const bytes = decoder.push(text.slice(from, cut));
    if (bytes) out.push(bytes);
    from = cut;
  }
  decoder.end();
  return Buffer.concat(out).toString('hex');
}

describe('incremental base64', () => {
  it('decodes every length (all three padding cases) split at every position', () => {
    for (let length = 1; length <= 40; length++) {
      const bytes = randomBytes(length);
      const text = bytes.toString('base64');
      for (let cut = 0; cut <= text.length; cut++) {
        expect(decodeInPieces(text, [cut]), `${length} bytes cut at ${cut}`).toBe(bytes.toString('hex'));
      }
      const wrapped = text.replace(/(.{3})/g, '$1\r\n ');
      expect(decodeInPieces(wrapped, [1, 5, 6, 11])).toBe(bytes.toString('hex'));
    }
  });

  it('rejects bad characters, misplaced padding, data after padding and a cut group', () => {
    for (const bad of ['QU*D', 'Q===', '=QUJ', 'QU=J', 'QUI=QUJD', 'QUJDQ', 'QUJ', 'QUJD\u00e9']) {
      expect(() => decodeInPieces(bad, [2]), bad).toThrow(PackageFormatError);
    }
  });
});

import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { base64Chunks } from './base64-stream.js';

async function collect(chunks: Buffer[]) {
  const pieces: string[] = [];
  for await (const piece of base64Chunks(Readable.from(chunks))) pieces.push(piece);
  return pieces;
}

describe('base64Chunks', () => {
  it.each([[[1, 1, 1]], [[2, 5, 7, 1]], [[3, 3]], [[1000, 17, 0, 4096, 1]], [[0]]])(
    'encodes chunk sizes %j exactly like the whole buffer, with no padding mid-stream',
    async (sizes) => {
      const chunks = sizes.map((n) => randomBytes(n));
      const pieces = await collect(chunks);
      expect(pieces.join('')).toBe(Buffer.concat(chunks).toString('base64'));
      for (const piece of pieces.slice(0, -1)) expect(piece).not.toContain('=');
    },
  );
});

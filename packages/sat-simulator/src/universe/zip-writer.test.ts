import { describe, expect, it } from 'vitest';
import { readZip } from './test-zip-reader.js';
import { ZipWriter } from './zip-writer.js';

async function collect(parts: AsyncIterable<Buffer> | Iterable<Buffer>): Promise<Buffer[]> {
  const out: Buffer[] = [];
  for await (const part of parts) out.push(part);
  return out;
}

describe('ZipWriter', () => {
  it('mixes sized entries and streamed entries with data descriptors', async () => {
    const zip = new ZipWriter();
    const big = Array.from({ length: 50 }, (_, i) => Buffer.from(`row ${i} ${'x'.repeat(5_000)}\r\n`));
    const parts = [
      ...zip.file('a.xml', Buffer.from('<a/>'), 1_700_000_000),
      ...(await collect(zip.stream('b.txt', big, 1_700_000_000))),
      ...zip.file('ñ.txt', Buffer.from('utf-8 name'), 1_700_000_000),
      ...zip.finish(),
    ];
    const files = readZip(Buffer.concat(parts));
    expect([...files.keys()]).toEqual(['a.xml', 'b.txt', 'ñ.txt']);
    expect(files.get('b.txt')).toEqual(Buffer.concat(big));
  });

  it('switches to ZIP64 end records past 65,535 entries', () => {
    const zip = new ZipWriter();
    const parts: Buffer[] = [];
    const count = 65_600;
    for (let i = 0; i < count; i += 1)
      parts.push(...zip.file(`${i}.txt`, Buffer.from(String(i)), 1_700_000_000));
    parts.push(...zip.finish());
    const files = readZip(Buffer.concat(parts));
    expect(files.size).toBe(count);
    expect(files.get('65599.txt')?.toString()).toBe('65599');
  });
});

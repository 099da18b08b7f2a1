import { describe, expect, it } from 'vitest';
import { readFixture } from './testing/fixtures.js';
import { buildZip } from './testing/zip-builder.js';
import { readZipEntries, type ZipReadOptions } from './zip-reader.js';

// Hostile zips are generated here so the repository stays small (see test-fixtures/hostile/README.md).
async function outcomes(zip: Buffer, options?: ZipReadOptions): Promise<string[]> {
  const out: string[] = [];
  for await (const e of readZipEntries(zip, options)) {
    out.push(
      'data' in e ? `data ${e.name}` : 'skipped' in e ? `skipped ${e.skipped}` : `${e.error} ${e.name}`,
    );
  }
  return out;
}

async function zipError(zip: Buffer, options?: ZipReadOptions): Promise<string> {
  try {
    await outcomes(zip, options);
    return 'no error';
  } catch (e) {
    return (e as { code?: string }).code ?? `untyped: ${String(e)}`;
  }
}

const XML = '<x/>';

describe('hostile zips', () => {
  it('0-byte zip (test-fixtures/hostile/empty.zip) → ZIP_EMPTY', async () => {
    expect(await zipError(readFixture('hostile/empty.zip'))).toBe('ZIP_EMPTY');
  });

  it('bytes that are not a zip → ZIP_CORRUPT', async () => {
    expect(await zipError(Buffer.from('PK but not really a zip file, just text'.repeat(10)))).toBe(
      'ZIP_CORRUPT',
    );
  });

  it('truncated zip (second half missing) → ZIP_CORRUPT', async () => {
    const zip = buildZip([
      { name: 'a.xml', data: XML.repeat(500) },
      { name: 'b.xml', data: XML },
    ]);
    expect(await zipError(zip.subarray(0, Math.floor(zip.length / 2)))).toBe('ZIP_CORRUPT');
  });

  it('corrupt central directory record → ZIP_CORRUPT', async () => {
    const zip = Buffer.from(buildZip([{ name: 'a.xml', data: XML }]));
    zip.writeUInt32LE(0xdeadbeef, zip.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02])));
    expect(await zipError(zip)).toBe('ZIP_CORRUPT');
  });

  it('central directory offset beyond the file → ZIP_CORRUPT', async () => {
    const zip = Buffer.from(buildZip([{ name: 'a.xml', data: XML }]));
    zip.writeUInt32LE(0x7fffffff, zip.length - 6);
    expect(await zipError(zip)).toBe('ZIP_CORRUPT');
  });

  it('zip bomb: a 10 MB entry compressed ~1000:1 → ENTRY_RATIO_EXCEEDED, the rest still read', async () => {
    const zip = buildZip([
      { name: 'bomb.xml', data: Buffer.alloc(10 * 1024 * 1024) },
      { name: 'ok.xml', data: XML },
    ]);
    expect(await outcomes(zip)).toEqual(['ENTRY_RATIO_EXCEEDED bomb.xml', 'data ok.xml']);
  });

  it('a header that understates the size cannot make us inflate more → ENTRY_CORRUPT', async () => {
    const zip = buildZip([
      { name: 'liar.xml', data: Buffer.alloc(5 * 1024 * 1024, 0x41), declaredSize: 100 },
    ]);
    expect(await outcomes(zip)).toEqual(['ENTRY_CORRUPT liar.xml']);
  });

  it('an entry over the size cap → ENTRY_TOO_LARGE without inflating it', async () => {
    const zip = buildZip([{ name: 'big.xml', data: XML, declaredSize: 25 * 1024 * 1024 }]);
    expect(await outcomes(zip)).toEqual(['ENTRY_TOO_LARGE big.xml']);
  });

  it('total expansion over the cap → ZIP_TOO_LARGE before anything is read', async () => {
    const zip = buildZip(Array.from({ length: 5 }, (_, i) => ({ name: `${i}.xml`, data: 'a'.repeat(1000) })));
    expect(await zipError(zip, { maxTotalBytes: 4000 })).toBe('ZIP_TOO_LARGE');
  });

  it('300,000 tiny entries (ZIP64) → ZIP_TOO_MANY_ENTRIES', async () => {
    const entries = Array.from({ length: 300_000 }, (_, i) => ({ name: `${i}.xml`, data: 'x', method: 0 }));
    expect(await zipError(buildZip(entries))).toBe('ZIP_TOO_MANY_ENTRIES');
  });

  it('ZIP64 directories are read: 70,000 entries', async () => {
    const entries = Array.from({ length: 70_000 }, (_, i) => ({ name: `${i}.xml`, data: 'x', method: 0 }));
    const results = await outcomes(buildZip(entries));
    expect(results.length).toBe(70_000);
    expect(results.every((r) => r.startsWith('data '))).toBe(true);
  });

  it('names are never paths: traversal, absolute, drive, backslash, NUL, sub-folder → ENTRY_UNSAFE_NAME', async () => {
    const names = ['../x.xml', '/etc/x.xml', 'C:x.xml', 'a\\..\\b.xml', 'x\u0000.xml', 'sub/x.xml', '..xml'];
    const zip = buildZip([...names.map((name) => ({ name, data: XML })), { name: 'ok.xml', data: XML }]);
    expect(await outcomes(zip)).toEqual([...names.map((n) => `ENTRY_UNSAFE_NAME ${n}`), 'data ok.xml']);
  });

  it('junk is skipped and counted, not an error', async () => {
    const zip = buildZip([
      { name: '__MACOSX/', data: '' },
      { name: '__MACOSX/._a.xml', data: 'resource fork' },
      { name: 'folder/', data: '' },
      { name: 'a.xml.xml', data: XML },
      { name: 'notes.pdf', data: 'x' },
      { name: 'empty.xml', data: '' },
      { name: 'A.XML', data: XML },
    ]);
    expect(await outcomes(zip)).toEqual([
      'skipped directory',
      'skipped macosx',
      'skipped directory',
      'skipped double-extension',
      'skipped extension',
      'skipped empty',
      'data A.XML',
    ]);
  });

  it('bad CRC, bad local header, encryption and unknown methods are per-entry errors', async () => {
    const zip = Buffer.from(
      buildZip([
        { name: 'crc.xml', data: XML, crc32: 12345 },
        { name: 'local.xml', data: XML },
        { name: 'locked.xml', data: XML, flags: 0x1 },
        { name: 'bzip2.xml', data: XML, method: 12 },
        { name: 'ok.xml', data: XML },
      ]),
    );
    const second = zip.indexOf(Buffer.from([0x50, 0x4b, 0x03, 0x04]), 4);
    zip.writeUInt32LE(0, second);
    expect(await outcomes(zip)).toEqual([
      'ENTRY_CORRUPT crc.xml',
      'ENTRY_CORRUPT local.xml',
      'ENTRY_ENCRYPTED locked.xml',
      'ENTRY_UNSUPPORTED_METHOD bzip2.xml',
      'data ok.xml',
    ]);
  });
});

import { describe, expect, it } from 'vitest';
import { parseCfdiFiles } from './files.js';
import { readCfdiPackage } from './packages.js';
import { fixturePath, readFixture } from './testing/fixtures.js';
import { buildZip } from './testing/zip-builder.js';
import { readZipEntries } from './zip-reader.js';

const collect = async <T>(it: AsyncIterable<T>): Promise<T[]> => {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
};

describe('CFDI packages', () => {
  it('cfdi.zip: the CFDI is keyed by its TFD UUID; junk is skipped and a non-XML entry is rejected', async () => {
    const items = await collect(readCfdiPackage(fixturePath('cfdi/packages/cfdi.zip')));
    const summary = items.map((i) =>
      i.ok ? `ok ${i.file} ${i.cfdi.uuid}` : `${i.skipped ? 'junk' : i.code} ${i.file}`,
    );
    expect(summary).toEqual([
      'XML_MALFORMED 00000000-0000-0000-0000-000000000000.xml',
      'junk __MACOSX/',
      'junk __MACOSX/.aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee.xml',
      'ok aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee.xml 11111111-2222-3333-4444-000000000001',
      'junk aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee.xml.xml',
      'junk empty-file',
      'junk other.txt',
    ]);
    const ok = items.find((i) => i.ok);
    expect(ok?.ok && ok.xml.equals(readFixture('cfdi/phpcfdi-cfdi32-aerolineas.xml'))).toBe(true);
  });

  it('a file path and a Buffer give the same entries; stored and deflated entries both read', async () => {
    const docs = [
      'satcfdi-stamped-finkok.xml',
      'nodecfdi-cfdi33-valid.xml',
      'nodecfdi-retenciones10-valid.xml',
    ];
    const zip = buildZip(
      docs.map((d, i) => ({ name: `${i}.xml`, data: readFixture(`cfdi/${d}`), method: i === 1 ? 0 : 8 })),
    );
    const fromBuffer = await collect(readZipEntries(zip));
    const { writeFile, mkdtemp, rm } = await import('node:fs/promises');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const dir = await mkdtemp(join(tmpdir(), 'boveda-zip-'));
    try {
      await writeFile(join(dir, 'p.zip'), zip);
      const fromFile = await collect(readZipEntries(join(dir, 'p.zip')));
      expect(fromFile).toEqual(fromBuffer);
    } finally {
      await rm(dir, { recursive: true });
    }
    expect(
      fromBuffer.map((e) =>
        'data' in e ? e.data.equals(readFixture(`cfdi/${docs[Number(e.name[0])]}`)) : e,
      ),
    ).toEqual([true, true, true]);
  });

  it('a bad file never stops the rest of the package', async () => {
    const good = readFixture('cfdi/satcfdi-stamped-finkok.xml');
    const zip = buildZip([
      { name: 'a.xml', data: good },
      { name: 'b.xml', data: '<x/>' },
      { name: 'c.xml', data: good, crc32: 1 },
      { name: '../d.xml', data: good },
      { name: 'e.xml', data: readFixture('hostile/billion-laughs.xml') },
      { name: 'f.xml', data: good },
    ]);
    const items = await collect(readCfdiPackage(zip));
    expect(items.map((i) => (i.ok ? `ok ${i.cfdi.uuid}` : i.code))).toEqual([
      'ok f08a8b8c-26db-5385-86af-2a1d354c5cc3',
      'NOT_CFDI',
      'ENTRY_CORRUPT',
      'ENTRY_UNSAFE_NAME',
      'DTD_FORBIDDEN',
      'ok f08a8b8c-26db-5385-86af-2a1d354c5cc3',
    ]);
  });
});

describe('parseCfdiFiles (boveda cfdi parse)', () => {
  it('prints the normalized fields per file, or its error code', async () => {
    const lines = await collect(
      parseCfdiFiles([
        fixturePath('cfdi/cfdiutils-cfdi40-real.xml'),
        fixturePath('cfdi/satcfdi-cfdv40-min.xml'),
        fixturePath('cfdi/does-not-exist.xml'),
        fixturePath('cfdi'),
      ]),
    );
    expect(lines[0]).toMatchObject({
      file: fixturePath('cfdi/cfdiutils-cfdi40-real.xml'),
      uuid: 'c2832671-da6d-11ef-a83d-00155d012007',
      total: '1000.00',
      emisor: { rfc: 'ISD950921HE5' },
    });
    expect(lines[0]).not.toHaveProperty('document');
    expect(lines.slice(1).map((l) => ('error' in l ? l.error : 'ok'))).toEqual([
      'MISSING_UUID',
      'FILE_UNREADABLE',
      'FILE_UNREADABLE',
    ]);
    expect(JSON.parse(JSON.stringify(lines[0]))).toEqual(lines[0]); // one JSON line each
  });

  it('refuses a file over the size cap without reading it', async () => {
    const [line] = await collect(
      parseCfdiFiles([fixturePath('cfdi/cfdiutils-cfdi40-real.xml')], { maxBytes: 100 }),
    );
    expect(line).toMatchObject({ error: 'FILE_TOO_LARGE' });
  });
});

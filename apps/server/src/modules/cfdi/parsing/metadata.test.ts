import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import {
  loadTerceros,
  type MetadataRow,
  parseMetadataText,
  parseTerceros,
  type RejectedRow,
} from './metadata.js';
import { readMetadataPackage } from './packages.js';
import { fixturePath, readFixture } from './testing/fixtures.js';

const collect = async <T>(it: AsyncIterable<T>): Promise<T[]> => {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
};

/** metadata.json uses PHP's shape: upper-case UUID as written, raw Estatus, '' for empty. */
function asPhpJson(rows: MetadataRow[], originalUuids: string[]): Record<string, Record<string, string>> {
  const out: Record<string, Record<string, string>> = {};
  rows.forEach((r, i) => {
    const uuid = originalUuids[i]!;
    expect(uuid.toLowerCase()).toBe(r.uuid);
    out[uuid] = {
      uuid,
      rfcEmisor: r.rfcEmisor ?? '',
      nombreEmisor: r.nombreEmisor ?? '',
      rfcReceptor: r.rfcReceptor ?? '',
      nombreReceptor: r.nombreReceptor ?? '',
      rfcPac: r.rfcPac ?? '',
      fechaEmision: r.fechaEmision ?? '',
      fechaCertificacionSat: r.fechaCertificacionSat ?? '',
      monto: r.monto ?? '',
      efectoComprobante: r.efectoComprobante ?? '',
      estatus: r.estatus === 'vigente' ? '1' : '0',
      fechaCancelacion: r.fechaCancelacion ?? '',
      rfcACuentaTerceros: r.rfcACuentaTerceros ?? '',
      nombreACuentaTerceros: r.nombreACuentaTerceros ?? '',
    };
  });
  return out;
}

const expected = JSON.parse(readFixture('metadata/metadata.json').toString('utf8')) as Record<
  string,
  unknown
>;
const expectedUuids = Object.keys(expected);

describe('metadata text', () => {
  it('metadata.txt (LF) streams to exactly metadata.json', async () => {
    const rows = await collect(parseMetadataText(createReadStream(fixturePath('metadata/metadata.txt'))));
    expect(asPhpJson(rows, expectedUuids)).toEqual(expected);
  });

  it('metadata.zip (CRLF, junk entries) reads to exactly metadata.json', async () => {
    const items = await collect(readMetadataPackage(fixturePath('metadata/metadata.zip')));
    const rows = items.flatMap((i) => (i.ok ? [i.row] : []));
    expect(asPhpJson(rows, expectedUuids)).toEqual(expected);
    const junk = items.filter((i) => !i.ok).map((i) => (i.ok ? '' : `${i.file}:${i.skipped}`));
    expect(junk.sort()).toEqual([
      '00000000-0000-0000-0000-000000000000_00.txt:true',
      '__MACOSX/._45C5C344-DA01-497A-9271-5AA3852EE6AE_01.txt:true',
      '__MACOSX/:true',
      'empty-file:true',
      'other.txt:true',
    ]);
  });

  it('metadata-terceros.zip joins _tercero rows by UUID case-insensitively', async () => {
    const items = await collect(readMetadataPackage(fixturePath('metadata/metadata-terceros.zip')));
    const rows = items.flatMap((i) => (i.ok ? [i.row] : []));
    expect(items.every((i) => i.ok)).toBe(true);
    // values read by hand from the two entries of the zip
    expect(rows.map((r) => [r.uuid, r.monto, r.rfcACuentaTerceros, r.nombreACuentaTerceros])).toEqual([
      ['11111111-aaaa-bbbb-0000-000000000001', '16784.02', null, null],
      ['11111111-aaaa-bbbb-0000-000000000002', '7924.66', 'AAAA010101AA1', 'PERSONA FISICA UNO'],
      ['11111111-aaaa-bbbb-0000-000000000003', '920.59', 'AAAA010101AA2', 'PERSONA FISICA DOS'],
      ['11111111-aaaa-bbbb-0000-000000000004', '1476.00', 'AAAA010101AA3', 'PERSONA FISICA TRES'],
      ['11111111-aaaa-bbbb-0000-000000000005', '999887.65', null, null],
    ]);
    expect(rows[0]).toMatchObject({
      rfcEmisor: 'AAA010101AAA',
      nombreEmisor: 'Empresa Patito',
      rfcReceptor: 'COSC8001137NA',
      rfcPac: 'SNF171020F3A',
      fechaCertificacionSat: '2022-01-01 11:43:01',
      efectoComprobante: 'I',
      estatus: 'vigente',
      fechaCancelacion: null,
    });
  });

  it('_tercero bodies: rows, and a blank UUID skipped', async () => {
    expect(await collect(parseTerceros(readFixture('metadata/metadata-extractor.txt')))).toEqual([
      {
        uuid: '00000000-aaaa-bbbb-1111-000000000001',
        rfcACuentaTerceros: 'AAAA010101AAA',
        nombreACuentaTerceros: 'Registro de ejemplo 1',
      },
      {
        uuid: '00000000-aaaa-bbbb-1111-000000000002',
        rfcACuentaTerceros: 'AAAA010102AAA',
        nombreACuentaTerceros: 'Registro de ejemplo 2',
      },
      {
        uuid: '00000000-aaaa-bbbb-1111-000000000003',
        rfcACuentaTerceros: 'AAAA010103AAA',
        nombreACuentaTerceros: 'Registro de ejemplo 3',
      },
    ]);
    expect((await loadTerceros(readFixture('metadata/metadata-empty-uuid.txt'))).size).toBe(0);
  });

  it('CRLF file: a stray LF inside a name is dropped, short rows padded, extra cells kept, cancellations read', async () => {
    const header =
      'Uuid~RfcEmisor~NombreEmisor~RfcReceptor~NombreReceptor~RfcPac~FechaEmision~FechaCertificacionSat~Monto~EfectoComprobante~Estatus~FechaCancelacion';
    const text = [
      header,
      'AAAAAAAA-0000-4000-8000-000000000001~AAA010101AAA~PANADERÍA\nLA ESPIGA~XAXX010101000~~SAT970701NN3~2024-01-01 10:00:00~2024-01-01 10:00:05~100~I~0~2024-02-01 09:00:00',
      'AAAAAAAA-0000-4000-8000-000000000002~AAA010101AAA~CORTA~XAXX010101000',
      'AAAAAAAA-0000-4000-8000-000000000003~AAA010101AAA~LARGA~XAXX010101000~R~SAT970701NN3~2024-01-01 10:00:00~2024-01-01 10:00:05~5.5~E~1~~motivo 02',
      '',
    ].join('\r\n');
    // Feed it one byte at a time so every CRLF and multi-byte character straddles a chunk boundary.
    const bytes = Buffer.from(text, 'utf8');
    const stream = Readable.from(
      (function* () {
        for (const b of bytes) yield Buffer.from([b]);
      })(),
    );
    const rejected: RejectedRow[] = [];
    const rows = await collect(parseMetadataText(stream, { onRejectedRow: (r) => rejected.push(r) }));
    expect(rows.map((r) => r.uuid)).toEqual([
      'aaaaaaaa-0000-4000-8000-000000000001',
      'aaaaaaaa-0000-4000-8000-000000000003',
    ]);
    expect(rows[0]).toMatchObject({
      nombreEmisor: 'PANADERÍALA ESPIGA',
      nombreReceptor: null,
      monto: '100.00',
      estatus: 'cancelado',
      fechaCancelacion: '2024-02-01 09:00:00',
    });
    expect(rows[1]).toMatchObject({
      monto: '5.50',
      efectoComprobante: 'E',
      extras: { '#extra-01': 'motivo 02' },
    });
    // the short row is padded, so its blank Estatus makes it unusable: reported, not dropped silently
    expect(rejected).toEqual([
      { line: 3, code: 'METADATA_ROW_INVALID', reason: 'Estatus "" is neither 1 nor 0' },
    ]);
  });

  it('without onRejectedRow a bad row throws; a non-metadata header throws METADATA_HEADER_INVALID', async () => {
    const bad = 'Uuid~RfcEmisor~Estatus\nnot-a-uuid~AAA010101AAA~1\n';
    await expect(collect(parseMetadataText(bad))).rejects.toMatchObject({ code: 'METADATA_ROW_INVALID' });
    await expect(collect(parseMetadataText('hello~world\n'))).rejects.toMatchObject({
      code: 'METADATA_HEADER_INVALID',
    });
  });
});

describe('metadata package streaming', () => {
  it('a corrupt metadata entry is reported after the rows it already gave; stopping early is clean', async () => {
    const { buildZip } = await import('./testing/zip-builder.js');
    const body = readFixture('metadata/metadata.txt');
    const zip = buildZip([
      { name: 'a_01.txt', data: body, crc32: 7 },
      { name: 'b_01.txt', data: body },
    ]);
    const items = await collect(readMetadataPackage(zip));
    // The CRC is known only at the end of the entry: the last record (no final EOL) is still
    // buffered when the check fails, so one row came through before the error.
    expect(items.map((i) => (i.ok ? `row ${i.file}` : `${i.code} ${i.file}`))).toEqual([
      'row a_01.txt',
      'ENTRY_CORRUPT a_01.txt',
      'row b_01.txt',
      'row b_01.txt',
    ]);
    for await (const item of readMetadataPackage(zip)) {
      expect(item.ok).toBe(true);
      break;
    }
  });
});

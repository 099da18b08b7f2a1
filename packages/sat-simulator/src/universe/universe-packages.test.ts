import { spawnSync } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { CfdiPackageReader, MetadataPackageReader } from '@nodecfdi/sat-ws-descarga-masiva';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUniverse, METADATA_HEADER, THIRD_PARTY_HEADER } from './index.js';
import { filterOf, RFC_MORAL } from './test-helpers.js';
import { readZip } from './test-zip-reader.js';
import type { PackagePlan } from './types.js';

const universe = createUniverse({
  seed: 'packages',
  volumes: { [RFC_MORAL]: { issuedPerMonth: 300, receivedPerMonth: 1_200 } },
  cfdiPerPackage: 250,
  metadataRowsPerPackage: 2_000,
});
const quarter = filterOf('issued', '2024-01-01T00:00:00', '2024-03-31T23:59:59', { status: 'Todos' });
const received = filterOf('received', '2024-01-01T00:00:00', '2024-03-31T23:59:59', { status: 'Todos' });

let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sat-universe-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function save(plan: PackagePlan): Promise<string> {
  const file = join(dir, `${plan.id}.zip`);
  await pipeline(universe.packageZip(plan), createWriteStream(file));
  return file;
}

/** `unzip -t` when the machine has it: an independent reader of the format. */
function unzipTest(file: string): void {
  const result = spawnSync('unzip', ['-tq', file], { encoding: 'utf8' });
  if (result.error) return;
  expect(result.status, result.stdout + result.stderr).toBe(0);
}

describe('package plans', () => {
  it('splits CFDI results into _01, _02… of cfdiPerPackage, in select order', () => {
    const plans = universe.planPackages('4e80345d-ba3c-4f6b-8b7e-7e2b2b0fa3e7', { ...quarter, kind: 'cfdi' });
    expect(plans.map((p) => p.id)).toEqual(
      ['_01', '_02', '_03', '_04'].map((s) => `4e80345d-ba3c-4f6b-8b7e-7e2b2b0fa3e7${s}`),
    );
    expect(plans.map((p) => p.uuids.length)).toEqual([250, 250, 250, 150]);
    expect(plans.every((p) => p.kind === 'cfdi')).toBe(true);
    expect(plans.flatMap((p) => p.uuids)).toEqual([...universe.select(quarter)].map((d) => d.uuid));
  });

  it('splits metadata by metadataRowsPerPackage and returns nothing for an empty result', () => {
    const plans = universe.planPackages('REQ', { ...received, kind: 'metadata' });
    expect(plans.map((p) => p.uuids.length)).toEqual([2_000, 1_600]);
    expect(
      universe.planPackages('REQ', { ...quarter, from: '1999-01-01T00:00:00', to: '1999-01-01T00:00:00' }),
    ).toEqual([]);
  });
});

describe('package zips', () => {
  it('streams a CFDI zip that nodecfdi reads back as the same documents', async () => {
    const [plan] = universe.planPackages('REQ', { ...quarter, kind: 'cfdi' });
    const file = await save(plan!);
    unzipTest(file);
    const reader = await CfdiPackageReader.createFromFile(file);
    const read = new Map<string, string>();
    for await (const item of reader.cfdis()) for (const [uuid, xml] of item) read.set(uuid, xml);
    expect([...read.keys()].sort()).toEqual(plan!.uuids.map((u) => u.toLowerCase()).sort());
    const sample = universe.byUuid(plan!.uuids[7]!)!;
    expect(read.get(sample.uuid.toLowerCase())).toBe(sample.xml());
  });

  it('writes metadata in the SAT format, matching the CFDI row by row', async () => {
    const [plan] = universe.planPackages('45C5C344-DA01-497A-9271-5AA3852EE6AE', {
      ...received,
      kind: 'metadata',
    });
    const file = await save(plan!);
    unzipTest(file);
    const files = readZip(await readFile(file));
    expect([...files.keys()]).toEqual([
      `${plan!.id}.txt`,
      '45C5C344-DA01-497A-9271-5AA3852EE6AE_tercero.txt',
    ]);
    const main = files.get(`${plan!.id}.txt`)!.toString('utf8');
    expect(main.startsWith(`${METADATA_HEADER}\r\n`)).toBe(true);
    expect(main.endsWith('\r\n')).toBe(false);
    const lines = main.split('\r\n');
    expect(lines).toHaveLength(plan!.uuids.length + 1);
    // The SAT quirk: a bare LF inside a name, never a line break of its own.
    expect(lines.some((line) => line.includes('\n'))).toBe(true);
    for (const [i, line] of lines.slice(1).entries()) {
      const doc = universe.byUuid(plan!.uuids[i]!)!;
      const fields = line.split('~');
      expect(fields).toHaveLength(12);
      expect(fields[0]).toBe(doc.uuid);
      expect(fields[1]).toBe(doc.issuerRfc);
      expect(fields[2]).toBe(doc.issuerName);
      expect(fields[3]).toBe(doc.receiverRfc);
      expect(fields[5]).toBe(doc.pacRfc);
      expect(fields[6]).toBe(doc.issuedAt.replace('T', ' '));
      expect(fields[7]).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
      expect(fields[8]).toBe(doc.total);
      expect(fields[9]).toBe(doc.documentType);
      expect(fields[10]).toBe(doc.status === 'vigente' ? '1' : '0');
      expect(fields[11]).toBe(doc.cancelledAt ? doc.cancelledAt.replace('T', ' ') : '');
    }

    const thirdParties = plan!.uuids.map((u) => universe.byUuid(u)!).filter((d) => d.thirdParty);
    expect(thirdParties.length).toBeGreaterThan(0);
    const tercero = files.get('45C5C344-DA01-497A-9271-5AA3852EE6AE_tercero.txt')!.toString('utf8');
    expect(tercero.split('\r\n')).toEqual([
      THIRD_PARTY_HEADER,
      ...thirdParties.map((d) => `${d.uuid}~${d.thirdParty!.rfc}~${d.thirdParty!.name}`),
    ]);

    const reader = await MetadataPackageReader.createFromFile(file);
    const items = [];
    for await (const item of reader.metadata()) items.push(item);
    expect(items).toHaveLength(plan!.uuids.length);
    const withThird = items.find((item) => item.get('uuid') === thirdParties[0]!.uuid)!;
    expect(withThird.get('rfcACuentaTerceros')).toBe(thirdParties[0]!.thirdParty!.rfc);
    expect(items.map((item) => item.get('monto'))).toEqual(plan!.uuids.map((u) => universe.byUuid(u)!.total));
  });

  it('omits the third-party file when no row has one', async () => {
    const plan = { id: 'NOTHIRD_01', kind: 'metadata' as const, uuids: universe.truth(quarter).slice(0, 3) };
    plan.uuids = plan.uuids.filter((u) => !universe.byUuid(u)!.thirdParty);
    const file = await save(plan);
    expect([...readZip(await readFile(file)).keys()]).toEqual(['NOTHIRD_01.txt']);
  });

  it('fails the stream with a typed error for a UUID it does not know', async () => {
    const plan = { id: 'BAD_01', kind: 'cfdi' as const, uuids: ['6D7434A6-E3F2-47AD-9E4C-08849946AFA0'] };
    await expect(save(plan)).rejects.toMatchObject({ code: 'unknown-uuid' });
  });
});

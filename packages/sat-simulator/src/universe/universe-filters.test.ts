import { describe, expect, it } from 'vitest';
import { createUniverse } from './index.js';
import { filterOf, RFC_MORAL } from './test-helpers.js';

const universe = createUniverse({
  seed: 'filters',
  volumes: { [RFC_MORAL]: { issuedPerMonth: 400, receivedPerMonth: 400 } },
});
const quarter = filterOf('issued', '2024-01-01T00:00:00', '2024-03-31T23:59:59', { status: 'Todos' });
const all = [...universe.select(quarter)];

const plusOneSecond = (naive: string) => new Date(Date.parse(`${naive}Z`) + 1000).toISOString().slice(0, 19);

describe('universe filters', () => {
  it('returns documents in emission order, and count, select and truth agree', () => {
    expect(all).toHaveLength(1200);
    const dates = all.map((d) => d.issuedAt);
    expect([...dates].sort()).toEqual(dates);
    expect(universe.count(quarter)).toBe(1200);
    expect(universe.truth(quarter)).toEqual(all.map((d) => d.uuid).sort());
  });

  it('treats both date bounds as inclusive, to the second', () => {
    const doc = all[500]!;
    const exact = { ...quarter, from: doc.issuedAt, to: doc.issuedAt };
    expect(universe.truth(exact)).toEqual([doc.uuid]);
    expect(
      universe.truth({ ...quarter, from: plusOneSecond(doc.issuedAt), to: plusOneSecond(doc.issuedAt) }),
    ).not.toContain(doc.uuid);
    const upTo = universe.truth({ ...quarter, to: doc.issuedAt });
    expect(upTo).toHaveLength(501);
    expect(universe.count({ ...quarter, from: plusOneSecond(doc.issuedAt) })).toBe(1200 - 501);
    expect(universe.count({ ...quarter, from: quarter.to, to: quarter.from })).toBe(0);
  });

  it('defaults to Vigente and splits Todos into Vigente + Cancelado', () => {
    const vigentes = [...universe.select({ ...quarter, status: undefined })];
    const cancelados = [...universe.select({ ...quarter, status: 'Cancelado' })];
    expect(vigentes.every((d) => d.status === 'vigente')).toBe(true);
    expect(cancelados.every((d) => d.status === 'cancelado')).toBe(true);
    expect(cancelados.length).toBeGreaterThan(0);
    expect(universe.count({ ...quarter, status: 'Vigente' })).toBe(vigentes.length);
    expect(vigentes.length + cancelados.length).toBe(all.length);
  });

  it('filters by document type and complemento', () => {
    let total = 0;
    for (const type of ['I', 'E', 'T', 'N', 'P'] as const) {
      const docs = [...universe.select({ ...quarter, documentType: type })];
      expect(docs.every((d) => d.documentType === type)).toBe(true);
      total += docs.length;
    }
    expect(total).toBe(all.length);
    const nomina = universe.truth({ ...quarter, complemento: 'nomina12' });
    expect(nomina).toEqual(universe.truth({ ...quarter, documentType: 'N' }));
    expect(universe.truth({ ...quarter, complemento: 'pagos20' })).toEqual(
      universe.truth({ ...quarter, documentType: 'P' }),
    );
    expect(universe.count({ ...quarter, complemento: 'leyendasfisc' })).toBe(0);
  });

  it('filters issued documents by receptor and received documents by emisor', () => {
    const receivers = [...new Set(all.map((d) => d.receiverRfc))].slice(0, 2);
    const issued = [...universe.select({ ...quarter, counterpartRfcs: receivers })];
    expect(issued.length).toBe(all.filter((d) => receivers.includes(d.receiverRfc)).length);
    expect(issued.every((d) => receivers.includes(d.receiverRfc))).toBe(true);

    const received = { ...quarter, direction: 'received' as const };
    const supplier = [...universe.select(received)][0]!.issuerRfc;
    const fromSupplier = [...universe.select({ ...received, counterpartRfcs: [supplier.toLowerCase()] })];
    expect(fromSupplier.length).toBeGreaterThan(0);
    expect(fromSupplier.every((d) => d.issuerRfc === supplier && d.receiverRfc === RFC_MORAL)).toBe(true);
  });

  it('filters by third party (RfcACuentaTerceros)', () => {
    const third = all.find((d) => d.thirdParty)!.thirdParty!;
    const docs = [...universe.select({ ...quarter, thirdPartyRfc: third.rfc })];
    expect(docs.length).toBe(all.filter((d) => d.thirdParty?.rfc === third.rfc).length);
    expect(docs.every((d) => d.thirdParty?.rfc === third.rfc)).toBe(true);
  });

  it('honours `until`: later documents do not exist and later cancellations have not happened', () => {
    const cancelled = all.find((d) => d.status === 'cancelado' && d.cancelledAt! < '2024-03-01')!;
    const asOf = cancelled.issuedAt;
    const early = createUniverse({
      seed: 'filters',
      volumes: { [RFC_MORAL]: { issuedPerMonth: 400, receivedPerMonth: 400 } },
      until: asOf,
    });
    expect(early.truth(quarter)).toEqual(
      all
        .filter((d) => d.issuedAt <= asOf)
        .map((d) => d.uuid)
        .sort(),
    );
    expect(early.byUuid(cancelled.uuid)?.status).toBe('vigente');
    expect(early.byUuid(all[all.length - 1]!.uuid)).toBeUndefined();
  });

  it('counts a period above 200,000 documents without rendering', () => {
    const big = createUniverse({
      seed: 'filters',
      volumes: { [RFC_MORAL]: { issuedPerMonth: 21_000, receivedPerMonth: 10 } },
    });
    const year = filterOf('issued', '2024-01-01T00:00:00', '2024-10-31T23:59:59');
    expect(big.count({ ...year, status: 'Todos' })).toBe(210_000);
    const vigentes = big.count(year);
    expect(vigentes).toBeGreaterThan(200_000);
    expect(vigentes).toBeLessThan(210_000);
  });
});

import { describe, expect, it } from 'vitest';
import { createUniverse, UniverseError } from './index.js';
import { filterOf, RFC_FISICA, RFC_MORAL } from './test-helpers.js';

const month = filterOf('issued', '2024-05-01T00:00:00', '2024-05-31T23:59:59', { status: 'Todos' });

describe('universe determinism', () => {
  it('yields the same UUIDs and byte-identical XML for the same seed', () => {
    const a = [...createUniverse({ seed: 'alpha' }).select(month)];
    const b = [...createUniverse({ seed: 'alpha' }).select(month)];
    expect(a.length).toBeGreaterThan(0);
    expect(b.map((d) => d.uuid)).toEqual(a.map((d) => d.uuid));
    expect(b.map((d) => d.xml())).toEqual(a.map((d) => d.xml()));
  });

  it('yields different documents for a different seed', () => {
    const a = createUniverse({ seed: 'alpha' }).truth(month);
    const b = createUniverse({ seed: 'beta' }).truth(month);
    expect(a.filter((uuid) => b.includes(uuid))).toEqual([]);
  });

  it('finds every document by UUID, in any case, even from a fresh universe', () => {
    const docs = [...createUniverse({ seed: 'alpha' }).select({ ...month, direction: 'received' })];
    const fresh = createUniverse({ seed: 'alpha' });
    for (const doc of docs) {
      const found = fresh.byUuid(doc.uuid.toLowerCase());
      expect(found?.uuid).toBe(doc.uuid);
      expect(found?.xml()).toBe(doc.xml());
    }
  });

  it('writes upper-case v4 UUIDs that match the TFD', () => {
    for (const doc of createUniverse({ seed: 'alpha' }).select(month)) {
      expect(doc.uuid).toMatch(/^[0-9A-F]{8}-[0-9A-F]{4}-4[0-9A-F]{3}-[89AB][0-9A-F]{3}-[0-9A-F]{12}$/);
      expect(doc.xml()).toContain(`UUID="${doc.uuid}"`);
    }
  });

  it('does not resolve UUIDs it never produced', () => {
    const universe = createUniverse({ seed: 'alpha' });
    expect(universe.byUuid('6D7434A6-E3F2-47AD-9E4C-08849946AFA0')).toBeUndefined();
    expect(universe.byUuid('not-a-uuid')).toBeUndefined();
    const other = createUniverse({ seed: 'beta' }).truth(month)[0] as string;
    expect(universe.byUuid(other)).toBeUndefined();
  });

  it('invents valid-looking counterparts: 12-char morales and 13-char físicas', () => {
    const docs = [...createUniverse({ seed: 'alpha' }).select({ ...month, direction: 'received' })];
    const rfcs = new Set(docs.map((d) => d.issuerRfc));
    expect(rfcs.size).toBeGreaterThan(5);
    for (const rfc of rfcs) expect(rfc).toMatch(/^([A-ZÑ&]{3}|[A-ZÑ&]{4})\d{6}[A-Z0-9]{3}$/);
    expect([...rfcs].some((rfc) => rfc.length === 12)).toBe(true);
    expect([...rfcs].some((rfc) => rfc.length === 13)).toBe(true);
  });

  it('works for a persona física requester too', () => {
    const docs = [...createUniverse({ seed: 'alpha' }).select({ ...month, requesterRfc: RFC_FISICA })];
    expect(docs.length).toBe(24);
    expect(docs.every((d) => d.issuerRfc === RFC_FISICA && d.documentType !== 'N')).toBe(true);
    expect(RFC_MORAL).not.toBe(RFC_FISICA);
  });

  it('rejects bad input with typed errors', () => {
    const universe = createUniverse({ seed: 'alpha' });
    expect(() => universe.count({ ...month, requesterRfc: 'NOPE' })).toThrow(UniverseError);
    expect(() => universe.count({ ...month, from: '2024-05-01' })).toThrow(/YYYY-MM-DDTHH:mm:ss/);
    expect(() => createUniverse({ seed: '' })).toThrow(UniverseError);
    expect(() =>
      createUniverse({ seed: 'x', volumes: { [RFC_MORAL]: { issuedPerMonth: -1, receivedPerMonth: 1 } } }),
    ).toThrow(UniverseError);
  });
});

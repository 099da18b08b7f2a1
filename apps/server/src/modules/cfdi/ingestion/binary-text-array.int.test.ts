import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../../test/support/database.js';
import { BinaryTextArrayBuilder, binaryTextArrayElement } from './binary-text-array.js';

let db: Awaited<ReturnType<typeof createTestDatabase>>;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => {
  await db?.close();
});

const values = [
  'AAA010101AAA',
  null,
  '',
  'PANADERÍA "LA ESPIGA", S.A. {de} C.V.',
  'back\\slash',
  '🧾 ñ',
  'x',
];

function build(items: (string | null)[], initialBytes?: number): Buffer {
  const builder = new BinaryTextArrayBuilder(initialBytes);
  for (const v of items) builder.push(v);
  return builder.finish();
}

describe('binary text[] parameters', () => {
  it('PostgreSQL reads back exactly what was pushed: NULLs, empty strings, quotes, braces, multi-byte', async () => {
    // A 24-byte start forces the buffer to grow several times.
    const { rows } = await db.pool.query<{ a: (string | null)[]; n: number }>(
      'SELECT $1::text[] AS a, cardinality($1::text[]) AS n',
      [build(values, 24)],
    );
    expect(rows[0]).toEqual({ a: values, n: values.length });
  });

  it('an array without NULLs and slices of it, as the metadata upsert bisects them', async () => {
    const plain = ['a', 'b', 'c', 'd'];
    const { rows } = await db.pool.query<{ s: string[] }>('SELECT ($1::text[])[$2::int:$3::int] AS s', [
      build(plain),
      2,
      3,
    ]);
    expect(rows[0]!.s).toEqual(['b', 'c']);
  });

  it('elements can be read back by index for error messages', () => {
    const array = build(values);
    for (const [i, v] of values.entries()) expect(binaryTextArrayElement(array, i)).toBe(v);
    expect(binaryTextArrayElement(array, values.length)).toBeNull();
  });
});

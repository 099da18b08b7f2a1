// @vitest-environment jsdom
import { act, cleanup, renderHook } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { cfdiSearch } from '../pages/cfdi/cfdi-search.js';
import { defineSearch, useSearchState } from './search-state.js';

const schema = defineSearch({
  rfc: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[A-Z&Ñ]{3,4}\d{6}[A-Z0-9]{3}$/)
    .optional(),
  sort: z.enum(['date', 'total']).default('date'),
  year: z.coerce.number().int().min(2000).max(2100).default(2025),
});
const parse = (query: string) => schema.parse(new URLSearchParams(query));

describe('a search schema', () => {
  it('reads typed values and fills in the defaults', () => {
    expect(parse('')).toEqual({ rfc: undefined, sort: 'date', year: 2025 });
    expect(parse('rfc=aaa010101aaa&sort=total&year=2021')).toEqual({
      rfc: 'AAA010101AAA',
      sort: 'total',
      year: 2021,
    });
  });

  it('ignores junk instead of failing: each bad value falls back to its default alone', () => {
    expect(parse('rfc=nope&sort=size&year=dos-mil')).toEqual({ rfc: undefined, sort: 'date', year: 2025 });
    expect(parse('year=1999&sort=total')).toEqual({ rfc: undefined, sort: 'total', year: 2025 });
    expect(parse('year=2021.5&rfc=&unknown=1')).toEqual({ rfc: undefined, sort: 'date', year: 2025 });
    expect(parse('year=%E0%A4%A')).toEqual(schema.defaults);
  });

  it('writes only what differs from the defaults, and keeps parameters it does not own', () => {
    expect(schema.write({ sort: 'date', year: 2025 }).toString()).toBe('');
    expect(schema.write({ rfc: 'AAA010101AAA', year: 2021 }).toString()).toBe('rfc=AAA010101AAA&year=2021');
    const base = new URLSearchParams('vista=grafica&sort=total');
    expect(schema.write({ year: 2021 }, base).toString()).toBe('vista=grafica&year=2021');
  });

  it('round-trips: what it writes, it reads back the same', () => {
    const values = { rfc: 'AAA010101AAA', sort: 'total' as const, year: 2021 };
    expect(schema.parse(schema.write(values))).toEqual(values);
  });

  it('tells a form which fields a person got wrong', () => {
    expect(schema.validate({ rfc: 'abc', sort: 'total', year: '' })).toEqual({
      values: { rfc: undefined, sort: 'total', year: 2025 },
      invalid: ['rfc'],
    });
  });

  it('refuses a field that could not be absent, when the module loads', () => {
    expect(() => defineSearch({ rfc: z.string() })).toThrow(/needs .optional\(\) or .default\(\)/);
  });
});

describe("the CFDI explorer's filters", () => {
  it('read a shared link, dropping what the server would refuse', () => {
    const search = cfdiSearch.parse(
      new URLSearchParams(
        'rfc=aaa010101aaa&direction=issued&from=2021-01-01&to=2021-02-30&tipo=X&minTotal=1,000&status=cancelado&order=asc',
      ),
    );
    expect(cfdiSearch.nonDefault(search)).toEqual({
      rfc: 'AAA010101AAA',
      direction: 'issued',
      from: '2021-01-01',
      status: 'cancelado',
      order: 'asc',
    });
  });
});

describe('useSearchState', () => {
  afterEach(() => {
    cleanup();
    window.history.replaceState(null, '', '/');
  });

  it('puts each search in the history, so Back and Forward move between them', async () => {
    window.history.replaceState(null, '', '/cfdi?vista=grafica');
    const { result } = renderHook(() => useSearchState(schema));
    expect(result.current[0]).toEqual(schema.defaults);

    act(() => result.current[1]({ rfc: 'AAA010101AAA' }));
    expect(window.location.pathname + window.location.search).toBe('/cfdi?vista=grafica&rfc=AAA010101AAA');
    expect(result.current[0].rfc).toBe('AAA010101AAA');

    act(() => result.current[1]((current) => ({ ...current, year: 2021 })));
    expect(result.current[0]).toEqual({ rfc: 'AAA010101AAA', sort: 'date', year: 2021 });

    await act(async () => {
      window.history.back();
      await new Promise((resolve) => window.addEventListener('popstate', resolve, { once: true }));
    });
    expect(result.current[0]).toEqual({ rfc: 'AAA010101AAA', sort: 'date', year: 2025 });
  });

  it('replaces the entry when asked, for values that change as a person types', () => {
    window.history.replaceState(null, '', '/cfdi');
    const before = window.history.length;
    const { result } = renderHook(() => useSearchState(schema));
    act(() => result.current[1]({ year: 2022 }, { replace: true }));
    expect(window.history.length).toBe(before);
    expect(window.location.search).toBe('?year=2022');
  });
});

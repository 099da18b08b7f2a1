import { useCallback, useMemo } from 'react';
import type { z } from 'zod';
import { navigate, useLocation } from './router.js';

export type Shape = Record<string, z.ZodType>;
export type SearchValues<S extends Shape> = { [K in keyof S]: z.output<S[K]> };
/** What a person typed, field by field, before it is checked. */
export type SearchDraft<S extends Shape> = { [K in keyof S]?: string };

export type DraftOf<Schema> = Schema extends SearchSchema<infer S> ? SearchDraft<S> : never;

export interface SearchSchema<S extends Shape> {
  readonly keys: readonly (keyof S & string)[];
  /** The values when the URL says nothing: each field's default, or undefined. */
  readonly defaults: SearchValues<S>;
  /** Never throws: a missing, empty or unparsable parameter takes its field's default. */
  parse(params: URLSearchParams): SearchValues<S>;
  /** Like `parse`, but says which non-empty fields do not fit, for a form to point at them. */
  validate(draft: SearchDraft<S>): { values: SearchValues<S>; invalid: (keyof S & string)[] };
  /**
   * The query string for `values`: defaults and empty values are left out (the default search is
   * plain `/cfdi`), parameters of other schemas in `base` are kept.
   */
  write(values: Partial<SearchValues<S>>, base?: URLSearchParams): URLSearchParams;
  /** Only the values that differ from the defaults: what an API call needs to be told. */
  nonDefault(values: Partial<SearchValues<S>>): Partial<SearchValues<S>>;
}

/**
 * A page's URL search parameters as typed state. Each field is a zod schema over the parameter's
 * text that accepts `undefined` (`.optional()` or `.default(…)`):
 *
 *   defineSearch({ rfc: z.string().regex(RFC).optional(), year: z.coerce.number().int().default(2025) })
 *
 * A link someone edited by hand, an old bookmark or a value the app no longer offers must not
 * break the page: such a value is ignored, as if it were not there.
 */
export function defineSearch<const S extends Shape>(shape: S): SearchSchema<S> {
  const keys = Object.keys(shape) as (keyof S & string)[];
  const defaults = {} as SearchValues<S>;
  for (const key of keys) {
    const absent = shape[key]!.safeParse(undefined);
    // A programming error, found the first time the module loads (every page's test imports it).
    if (!absent.success) throw new Error(`search parameter "${key}" needs .optional() or .default()`);
    defaults[key] = absent.data as SearchValues<S>[typeof key];
  }

  function validate(draft: SearchDraft<S>) {
    const values = { ...defaults };
    const invalid: (keyof S & string)[] = [];
    for (const key of keys) {
      const text = draft[key];
      if (text === undefined || text === '') continue;
      const parsed = shape[key]!.safeParse(text);
      if (parsed.success) values[key] = parsed.data as SearchValues<S>[typeof key];
      else invalid.push(key);
    }
    return { values, invalid };
  }

  const isDefault = (key: keyof S, value: unknown) =>
    value === undefined || value === null || value === '' || value === defaults[key];

  return {
    keys,
    defaults,
    validate,
    nonDefault: (values) =>
      Object.fromEntries(keys.filter((k) => !isDefault(k, values[k])).map((k) => [k, values[k]])) as Partial<
        SearchValues<S>
      >,
    parse: (params) => validate(Object.fromEntries(params) as SearchDraft<S>).values,
    write(values, base) {
      const params = new URLSearchParams(base);
      for (const key of keys) {
        params.delete(key);
        const value = values[key];
        if (!isDefault(key, value)) params.set(key, String(value));
      }
      return params;
    },
  };
}

export interface SetSearchOptions {
  /**
   * Replace the current history entry instead of adding one: for values that change as a person
   * types (a year spinner), so Back goes to the previous search, not to every keystroke.
   */
  replace?: boolean;
}

/**
 * `const [search, setSearch] = useSearchState(schema)`: the values in the current URL, and a
 * setter that writes new ones (fields not given go back to their defaults; other parameters in the
 * URL stay). Each call adds a history entry unless `{ replace: true }`, so Back and Forward move
 * between searches and a reload or a shared link opens the same one.
 */
export function useSearchState<S extends Shape>(schema: SearchSchema<S>) {
  const { search } = useLocation();
  const query = search.toString();
  const values = useMemo(() => schema.parse(new URLSearchParams(query)), [schema, query]);
  const setValues = useCallback(
    (
      next: Partial<SearchValues<S>> | ((current: SearchValues<S>) => Partial<SearchValues<S>>),
      options: SetSearchOptions = {},
    ) => {
      // Read the URL now, not at render: two quick updates must not undo each other.
      const current = new URLSearchParams(window.location.search);
      const resolved = typeof next === 'function' ? next(schema.parse(current)) : next;
      const written = schema.write(resolved, current).toString();
      navigate(`${window.location.pathname}${written ? `?${written}` : ''}`, options);
    },
    [schema],
  );
  return [values, setValues] as const;
}

/**
 * Path patterns such as `/contribuyentes/:rfc/solicitudes/:id`: the parameter names are read from
 * the pattern's type, so `ParamsOf<'/a/:x/b/:y'>` is `{ x: string; y: string }` and a link that
 * forgets one does not compile.
 */
export type ParamsOf<Pattern extends string> = string extends Pattern
  ? Record<string, string>
  : { [Name in ParamNames<Pattern>]: string };

type ParamNames<Pattern extends string> = Pattern extends `${string}:${infer Name}/${infer Rest}`
  ? Name | ParamNames<`/${Rest}`>
  : Pattern extends `${string}:${infer Name}`
    ? Name
    : never;

const segmentsOf = (path: string) => path.split('/').filter(Boolean);

/**
 * The parameters of `pathname` when it has the pattern's shape, else null. A trailing slash is
 * tolerated; a segment that is not valid percent-encoding makes the path not ours (null), so a
 * mangled link shows "not found" instead of throwing.
 */
export function matchPattern<Pattern extends string>(
  pattern: Pattern,
  pathname: string,
): ParamsOf<Pattern> | null {
  const expected = segmentsOf(pattern);
  const actual = pathname.split('/').slice(1);
  if (actual.at(-1) === '') actual.pop();
  if (actual.length !== expected.length) return null;
  const params: Record<string, string> = {};
  for (const [i, segment] of expected.entries()) {
    const value = actual[i]!;
    if (segment.startsWith(':')) {
      if (!value) return null;
      try {
        params[segment.slice(1)] = decodeURIComponent(value);
      } catch {
        return null;
      }
    } else if (segment !== value) return null;
  }
  return params as ParamsOf<Pattern>;
}

/** The path for `params`, each one percent-encoded (an RFC may hold `&` or `Ñ`). */
export function buildPath<Pattern extends string>(pattern: Pattern, params: ParamsOf<Pattern>): string {
  const values = params as Record<string, string>;
  const path = segmentsOf(pattern)
    .map((segment) => (segment.startsWith(':') ? encodeURIComponent(values[segment.slice(1)]!) : segment))
    .join('/');
  return `/${path}`;
}

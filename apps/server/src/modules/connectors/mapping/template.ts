/**
 * The push mapping: a JSON template rendered against one document. Declarative on purpose (no
 * code runs, nothing can reach outside the document), and checked when saved, so a typo is a 422
 * on the form, not a failed night run.
 *
 * - A string may hold placeholders `{{path}}` or `{{path | filter | filter:"arg"}}`; a string that
 *   is exactly one placeholder keeps the value's JSON type (object, array, number, null).
 * - `{"$each": "path", "as": <template>}` maps an array; inside, paths read the item first, then
 *   `$root.…` the document, `$index` the position.
 * - Paths are dotted, with numeric segments for array items (`conceptos.0.descripcion`).
 */

import type { TemplateRule } from '@boveda/contracts';

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** A broken template rule: its code (`templateRuleCodes`), where, the value at fault, and in English. */
export class TemplateError extends Error {
  constructor(
    readonly rule: TemplateRule,
    message: string,
    readonly at: string,
    readonly value?: string,
  ) {
    super(`${at || 'body'}: ${message}`);
    this.name = 'TemplateError';
  }

  /** The problem's `params`: the rule, where, and the value at fault. */
  get params(): Record<string, string> {
    return {
      rule: this.rule,
      at: this.at || 'body',
      ...(this.value !== undefined ? { value: this.value } : {}),
    };
  }
}

type Filter = (value: unknown, arg: string | undefined) => unknown;

const asText = (v: unknown) => (v === null || v === undefined ? v : typeof v === 'string' ? v : String(v));
const DECIMAL = /^-?\d+(\.\d+)?$/;

/** Each filter takes the value (and an optional quoted argument) and gives the new value. */
const FILTERS: Record<string, { arg: 'none' | 'optional' | 'required'; run: Filter }> = {
  upper: { arg: 'none', run: (v) => (typeof v === 'string' ? v.toUpperCase() : v) },
  lower: { arg: 'none', run: (v) => (typeof v === 'string' ? v.toLowerCase() : v) },
  trim: { arg: 'none', run: (v) => (typeof v === 'string' ? v.trim() : v) },
  string: { arg: 'none', run: asText },
  /**
   * An exact decimal string as a JSON number, for APIs that want numbers. JSON numbers are
   * doubles on most receivers: fine for amounts with cents, stated in the README.
   */
  number: {
    arg: 'none',
    run: (v) =>
      typeof v === 'number' ? v : typeof v === 'string' && DECIMAL.test(v.trim()) ? Number(v) : null,
  },
  /** `2026-11-30T12:15:00` → `2026-11-30`. */
  date: {
    arg: 'none',
    run: (v) => (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}/.test(v) ? v.slice(0, 10) : v),
  },
  /** Fixed decimals without floats: `"1160.5" | fixed:"2"` → `"1160.50"`. */
  fixed: { arg: 'required', run: (v, arg) => fixed(v, Number(arg)) },
  default: {
    arg: 'required',
    run: (v, arg) => (v === null || v === undefined || v === '' ? arg : v),
  },
  /** A constant in place of the value (with `default` semantics reversed: always). */
  const: { arg: 'required', run: (_v, arg) => arg },
  json: { arg: 'none', run: (v) => (v === undefined ? null : JSON.stringify(v)) },
};

function fixed(v: unknown, places: number): unknown {
  const s = typeof v === 'number' ? String(v) : v;
  if (typeof s !== 'string' || !DECIMAL.test(s.trim())) return v;
  const [int = '0', frac = ''] = s.trim().split('.');
  if (frac.length <= places) return places === 0 ? int : `${int}.${frac.padEnd(places, '0')}`;
  // Round half away from zero on the digit string: no float ever touches the amount.
  const negative = int.startsWith('-');
  const scaled =
    BigInt(`${int.replace('-', '')}${frac.slice(0, places)}`) + (Number(frac[places]) >= 5 ? 1n : 0n);
  const str = scaled.toString().padStart(places + 1, '0');
  const sign = negative && scaled !== 0n ? '-' : '';
  return places === 0 ? `${sign}${str}` : `${sign}${str.slice(0, -places)}.${str.slice(-places)}`;
}

interface Step {
  name: string;
  arg: string | undefined;
}
interface Placeholder {
  path: string[];
  steps: Step[];
}

const PLACEHOLDER = /\{\{([^{}]*)\}\}/g;
const PATH = /^(\$root|\$item|\$index|[A-Za-z0-9_$-]+)(\.[A-Za-z0-9_$-]+)*$/;
const STEP = /^([a-z]+)(?:\s*:\s*"((?:[^"\\]|\\.)*)")?$/;

function parsePlaceholder(inner: string, at: string): Placeholder {
  const [rawPath, ...rawSteps] = inner.split('|').map((s) => s.trim());
  if (!rawPath || !PATH.test(rawPath))
    throw new TemplateError('not_a_path', `"${rawPath ?? ''}" is not a field path`, at, rawPath ?? '');
  const steps = rawSteps.map((raw) => {
    const m = STEP.exec(raw);
    if (!m) throw new TemplateError('not_a_filter', `"${raw}" is not a filter`, at, raw);
    const [, name, arg] = m;
    const spec = FILTERS[name!];
    if (!spec) throw new TemplateError('unknown_filter', `unknown filter "${name}"`, at, name);
    if (spec.arg === 'required' && arg === undefined)
      throw new TemplateError('filter_needs_argument', `filter "${name}" needs an argument`, at, name);
    if (spec.arg === 'none' && arg !== undefined)
      throw new TemplateError('filter_takes_no_argument', `filter "${name}" takes no argument`, at, name);
    if (name === 'fixed' && !/^\d$/.test(arg!))
      throw new TemplateError('fixed_decimals', 'fixed takes 0–9 decimals', at);
    return { name: name!, arg: arg?.replace(/\\(.)/g, '$1') };
  });
  return { path: rawPath.split('.'), steps };
}

function resolve(ctx: unknown, path: string[]): unknown {
  let v: unknown = ctx;
  for (const key of path) {
    if (v === null || v === undefined) return undefined;
    if (Array.isArray(v) && /^\d+$/.test(key)) v = v[Number(key)];
    else if (typeof v === 'object' && Object.hasOwn(v, key)) v = (v as Record<string, unknown>)[key];
    else return undefined;
  }
  return v;
}

function evaluate(p: Placeholder, ctx: unknown): unknown {
  let v = resolve(ctx, p.path);
  for (const step of p.steps) v = FILTERS[step.name]!.run(v, step.arg);
  return v;
}

type Node = (ctx: unknown) => Json;

const toJson = (v: unknown): Json => (v === undefined ? null : (v as Json));

function compileString(s: string, at: string, encode?: (v: string) => string): Node {
  const parts: (string | Placeholder)[] = [];
  let last = 0;
  for (const m of s.matchAll(PLACEHOLDER)) {
    parts.push(s.slice(last, m.index));
    parts.push(parsePlaceholder(m[1]!, at));
    last = m.index! + m[0].length;
  }
  const tail = s.slice(last);
  if (
    tail.includes('{{') ||
    tail.includes('}}') ||
    parts.some((p) => typeof p === 'string' && /\{\{|\}\}/.test(p))
  )
    throw new TemplateError('unclosed_placeholder', 'a {{ is not closed', at);
  parts.push(tail);
  const only =
    parts.length === 3 && parts[0] === '' && parts[2] === '' && !encode ? (parts[1] as Placeholder) : null;
  if (only) return (ctx) => toJson(evaluate(only, ctx));
  if (parts.length === 1) return () => s;
  return (ctx) =>
    parts
      .map((p) => {
        if (typeof p === 'string') return p;
        const v = evaluate(p, ctx);
        const str =
          v === null || v === undefined ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v);
        return encode ? encode(str) : str;
      })
      .join('');
}

function compileNode(t: unknown, at: string, depth: number): Node {
  if (depth > 20) throw new TemplateError('too_deep', 'nested too deep (20 levels at most)', at);
  if (typeof t === 'string') return compileString(t, at);
  if (t === null || typeof t === 'boolean' || typeof t === 'number') return () => t as Json;
  if (Array.isArray(t)) {
    const items = t.map((item, i) => compileNode(item, `${at}[${i}]`, depth + 1));
    return (ctx) => items.map((n) => n(ctx));
  }
  if (typeof t === 'object') {
    const obj = t as Record<string, unknown>;
    if ('$each' in obj) {
      const keys = Object.keys(obj).sort().join(',');
      if (keys !== '$each,as' || typeof obj.$each !== 'string' || !PATH.test(obj.$each))
        throw new TemplateError(
          'each_shape',
          '$each takes a field path and "as": {"$each": "conceptos", "as": {…}}',
          at,
        );
      const path = obj.$each.split('.');
      const item = compileNode(obj.as, `${at}.as`, depth + 1);
      return (ctx) => {
        const list = resolve(ctx, path);
        if (!Array.isArray(list)) return [];
        const root = (ctx as { $root?: unknown }).$root ?? ctx;
        return list.map((entry, i) =>
          item(
            entry !== null && typeof entry === 'object' && !Array.isArray(entry)
              ? { ...(entry as object), $item: entry, $root: root, $index: i }
              : { $item: entry, $root: root, $index: i },
          ),
        );
      };
    }
    const entries = Object.entries(obj).map(([k, v]) => {
      if (k.includes('{{'))
        throw new TemplateError('placeholder_in_key', 'keys cannot hold placeholders', `${at}.${k}`);
      return [k, compileNode(v, at ? `${at}.${k}` : k, depth + 1)] as const;
    });
    return (ctx) => Object.fromEntries(entries.map(([k, n]) => [k, n(ctx)]));
  }
  throw new TemplateError('not_json', 'not JSON', at);
}

export interface CompiledTemplate {
  render(document: unknown): Json;
}

/** Checks a body template and prepares it; TemplateError says where it is wrong. */
export function compileTemplate(template: unknown): CompiledTemplate {
  const root = compileNode(template, '', 0);
  return { render: (document) => root({ ...(document as object), $root: document }) };
}

/** A path template (`/api/invoices/{{uuid}}`): each placeholder URL-encoded. */
export function compilePath(path: string): CompiledTemplate {
  const node = compileString(path, 'path', encodeURIComponent);
  return { render: (document) => node({ ...(document as object), $root: document }) };
}

/** Reads a dotted path from an answer (`data.id`); empty path: the answer itself. */
export function readPath(value: unknown, path: string): unknown {
  return path === '' ? value : resolve(value, path.split('.'));
}

import { canonicalJson } from '../../platform/crypto/index.js';

/** One changed field as the trail keeps it under `metadata.changes`. */
export interface FieldChange {
  before: unknown;
  after: unknown;
}

export interface ChangesOptions {
  /**
   * Personal fields whose values must not be written in clear (the trail is readable by every
   * admin and is never deleted): their change is recorded with masked values (`maskValue`).
   */
  masked?: readonly string[];
  /** Only these fields are compared (default: every key of either side). */
  fields?: readonly string[];
}

export const MASK = '•••';

/**
 * The before/after of what changed, for `metadata.changes`: `{ field: { before, after } }` with
 * only the top-level fields whose JSON value differs (a Date compares and is kept as its ISO
 * string; a missing field is null). `before` null/undefined is a creation, `after` a deletion.
 * Masked fields keep only what tells a person which value it was (see `maskValue`). Pure.
 *
 *   changesOf({ status: 'open', email: 'juan@empresa.mx' }, { status: 'paid', email: 'ana@otra.com' },
 *             { masked: ['email'] })
 *   → { status: { before: 'open', after: 'paid' },
 *       email: { before: 'j***@e***.mx', after: 'a***@o***.com' } }
 */
export function changesOf(
  before: Readonly<Record<string, unknown>> | null | undefined,
  after: Readonly<Record<string, unknown>> | null | undefined,
  options: ChangesOptions = {},
): Record<string, FieldChange> {
  const masked = new Set(options.masked ?? []);
  const fields = options.fields ?? [...new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})])];
  const changes: Record<string, FieldChange> = {};
  for (const field of [...fields].sort()) {
    const b = jsonOf(before?.[field]);
    const a = jsonOf(after?.[field]);
    if (canonicalJson(b) === canonicalJson(a)) continue;
    changes[field] = masked.has(field)
      ? { before: maskValue(field, b), after: maskValue(field, a) }
      : { before: b, after: a };
  }
  return changes;
}

/**
 * How a masked field's value is shown: null stays null (so "added" and "removed" still read);
 * an email keeps the first letter of its user and domain and the domain's ending
 * (`juan.perez@empresa.com.mx` → `j***@e***.com.mx`); a field named like a phone keeps its last two
 * digits (`••••••••34`); anything else is `•••`.
 */
export function maskValue(field: string, value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') {
    const email = /^([^@\s])[^@\s]*@([^@.\s])[^@\s]*?((?:\.[^@.\s]+){1,2})$/u.exec(value.trim());
    if (email) return `${email[1]}***@${email[2]}***${email[3]}`;
    if (/phone|tel|mobile|celular/i.test(field)) {
      const digits = value.replace(/\D/g, '');
      if (digits.length >= 4) return `${'•'.repeat(digits.length - 2)}${digits.slice(-2)}`;
    }
  }
  return MASK;
}

/** The value as it is stored in jsonb: undefined → null, Date → ISO string, and so on. */
function jsonOf(value: unknown): unknown {
  if (value === undefined) return null;
  return JSON.parse(JSON.stringify(value) ?? 'null');
}

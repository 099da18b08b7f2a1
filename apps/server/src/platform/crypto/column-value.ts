import { DecryptionError, SecretBoxInputError } from './crypto.errors.js';

/** What an encrypted column holds: JSON, so a string comes back a string and an object an object. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/**
 * The cell a sealed value belongs to. Its ciphertext is bound to all three (and to the tenant), so
 * a value copied to another row, another column or another table does not open.
 */
export interface ColumnRef {
  /** The SQL table name, e.g. `clients`. */
  table: string;
  /** The SQL column name, e.g. `email`. */
  column: string;
  /** The row's primary key. Generate it before the insert (`randomUUID()`), since the AAD needs it. */
  id: string;
}

// snake_case SQL identifiers: no `.` or `:`, so `column:<table>.<column>:<id>` reads back one way.
const IDENTIFIER = /^[a-z_][a-z0-9_]{0,62}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The associated data of a column ciphertext. The `column:` prefix keeps it apart from other AADs. */
export function columnAad(ref: ColumnRef): string {
  if (typeof ref?.table !== 'string' || !IDENTIFIER.test(ref.table))
    throw new SecretBoxInputError('table must be a snake_case SQL identifier');
  if (typeof ref.column !== 'string' || !IDENTIFIER.test(ref.column))
    throw new SecretBoxInputError('column must be a snake_case SQL identifier');
  if (typeof ref.id !== 'string' || ref.id.length === 0)
    throw new SecretBoxInputError('id must name the row (its primary key)');
  // PostgreSQL hands uuids back lower-case: an id typed upper-case still names the same row.
  const id = UUID.test(ref.id) ? ref.id.toLowerCase() : ref.id;
  return `column:${ref.table}.${ref.column}:${id}`;
}

// The message never shows the value: it may be the very personal data being protected.
const NOT_JSON =
  'a column value must be a string, a finite number, a boolean, null, or arrays and plain objects of those';

function assertJson(value: unknown, depth = 0): void {
  // Deep enough for any real record; stops a cyclic structure before JSON.stringify would.
  if (depth > 64) throw new SecretBoxInputError(NOT_JSON);
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new SecretBoxInputError(NOT_JSON);
    return;
  }
  if (Array.isArray(value)) {
    for (const item of value) assertJson(item, depth + 1);
    return;
  }
  const proto = typeof value === 'object' ? Object.getPrototypeOf(value) : undefined;
  // Only plain objects: a Date, Buffer or Map would not come back as what was sealed.
  if (proto !== Object.prototype && proto !== null) throw new SecretBoxInputError(NOT_JSON);
  for (const item of Object.values(value as object)) assertJson(item, depth + 1);
}

/** UTF-8 JSON: what `openColumn` gives back is equal to what was sealed. */
export function encodeColumnValue(value: JsonValue): Buffer {
  assertJson(value);
  return Buffer.from(JSON.stringify(value), 'utf8');
}

/**
 * Only bytes `encrypt` was given directly under a column's AAD are not JSON. JSON.parse's own
 * message quotes its input, which here is the plaintext: answer the fixed DecryptionError instead.
 */
export function decodeColumnValue(bytes: Buffer): JsonValue {
  try {
    return JSON.parse(bytes.toString('utf8')) as JsonValue;
  } catch {
    throw new DecryptionError();
  }
}

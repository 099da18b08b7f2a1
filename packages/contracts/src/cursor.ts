/**
 * One cursor format for every list: base64url of JSON `{"v":1,"s":<sort>,"k":[<keys>]}`, the keys
 * being the last row's sort values. Opaque to clients; a list decodes only what it wrote (same
 * version, same sort, keys of the expected kinds) and answers 400 INVALID_CURSOR otherwise.
 */
/** A sort value: text, a number, or null (a row whose sort column is empty). */
export type CursorKey = string | number | null;

const VERSION = 1;

function toBase64Url(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): string | null {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) return null;
  try {
    const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
    return new TextDecoder('utf-8', { fatal: true }).decode(Uint8Array.from(binary, (c) => c.charCodeAt(0)));
  } catch {
    return null;
  }
}

export function encodeCursor(keys: readonly CursorKey[], sort = ''): string {
  return toBase64Url(JSON.stringify({ v: VERSION, s: sort, k: keys }));
}

/**
 * The keys of a cursor this API wrote for `sort`, or null. Callers still check each key's meaning
 * (a real date, a uuid) before it reaches a query.
 */
export function decodeCursor(cursor: string, sort = ''): CursorKey[] | null {
  if (cursor.length === 0 || cursor.length > 1000) return null;
  const json = fromBase64Url(cursor);
  if (json === null) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    return null;
  }
  if (!parsed || typeof parsed !== 'object') return null;
  const { v, s, k } = parsed as { v?: unknown; s?: unknown; k?: unknown };
  if (v !== VERSION || s !== sort || !Array.isArray(k) || k.length === 0 || k.length > 8) return null;
  const isKey = (key: unknown) =>
    key === null || typeof key === 'string' || (typeof key === 'number' && Number.isFinite(key));
  if (!k.every(isKey)) return null;
  // Only what we could have written: no stray characters that base64url decoding would skip.
  if (encodeCursor(k as CursorKey[], sort) !== cursor) return null;
  return k as CursorKey[];
}

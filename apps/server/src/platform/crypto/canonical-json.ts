import { createHash } from 'node:crypto';

/**
 * JSON with object keys sorted at every level: the same content always gives the same text. Used
 * for change detection (connectors) and the audit trail's hash chain, so its output must never
 * change for a given value.
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) out[key] = sortKeys((value as Record<string, unknown>)[key]);
    return out;
  }
  return value;
}

/** Hex SHA-256 of the UTF-8 text. */
export const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

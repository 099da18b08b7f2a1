import { CENSOR, isSecretName } from './redact-paths.js';
import { scrubSecrets } from './scrub-secrets.js';

// Deep enough for any log payload we write; deeper structures are summarised, not walked.
const MAX_DEPTH = 8;

function censorable(value: unknown): boolean {
  // Numbers and booleans under a secret-looking name (`inputTokens: 812`) are not secrets.
  return value !== null && value !== undefined && typeof value !== 'number' && typeof value !== 'boolean';
}

/** A copy of the error with every string scrubbed; keeps its prototype so pino still serializes it as an error. */
function scrubError(error: Error, depth: number, seen: WeakSet<object>): Error {
  const copy = Object.create(Object.getPrototypeOf(error)) as Error;
  for (const name of Object.getOwnPropertyNames(error)) {
    const desc = Object.getOwnPropertyDescriptor(error, name)!;
    if (!('value' in desc)) continue;
    const value = isSecretName(name) && censorable(desc.value) ? CENSOR : scrub(desc.value, depth + 1, seen);
    Object.defineProperty(copy, name, { ...desc, value });
  }
  return copy;
}

function scrub(value: unknown, depth: number, seen: WeakSet<object>): unknown {
  if (typeof value === 'string') return scrubSecrets(value);
  if (value === null || typeof value !== 'object') return value;
  // Raw bytes in a log are either noise or key material.
  if (value instanceof Uint8Array) return `[${value.length} bytes]`;
  if (value instanceof URL) return scrubSecrets(value.href);
  if (seen.has(value)) return '[circular]';
  if (depth >= MAX_DEPTH) return '[too deep]';
  seen.add(value);
  try {
    if (value instanceof Error) return scrubError(value, depth, seen);
    if (Array.isArray(value)) return value.map((v) => scrub(v, depth + 1, seen));
    const proto = Object.getPrototypeOf(value);
    // Class instances (a Fastify request, a Date) are left to pino's serializers.
    if (proto !== Object.prototype && proto !== null) return value;
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      out[k] = isSecretName(k) && censorable(v) ? CENSOR : scrub(v, depth + 1, seen);
    }
    return out;
  } finally {
    seen.delete(value);
  }
}

/** Deep copy of a log argument with secret-named fields censored and secret-looking strings scrubbed. */
export function scrubObject<T>(value: T): T {
  return scrub(value, 0, new WeakSet()) as T;
}

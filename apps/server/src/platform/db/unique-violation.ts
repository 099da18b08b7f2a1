/**
 * Whether a failed statement broke a unique constraint (SQLSTATE 23505), optionally a named one.
 * Drizzle wraps the driver's error, so the cause is looked at too. For writes that cannot use
 * `ON CONFLICT` (an UPDATE that changes a unique key).
 */
export function isUniqueViolation(err: unknown, constraint?: string): boolean {
  for (let e: unknown = err, depth = 0; e && depth < 3; e = (e as { cause?: unknown }).cause, depth++) {
    const pgError = e as { code?: unknown; constraint?: unknown };
    if (pgError.code === '23505') return !constraint || pgError.constraint === constraint;
  }
  return false;
}

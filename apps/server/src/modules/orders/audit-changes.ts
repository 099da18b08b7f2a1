/** Changed fields as `{ field: { before, after } }`; masked fields say only that they changed. */
export function changesOf(
  before: Record<string, unknown>,
  after: Record<string, unknown>,
  opts: { masked: readonly string[] },
) {
  const changes: Record<string, { before: unknown; after: unknown }> = {};
  for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
    const a = before[key] ?? null;
    const b = after[key] ?? null;
    if (JSON.stringify(a) === JSON.stringify(b)) continue;
    changes[key] = opts.masked.includes(key)
      ? { before: a === null ? null : '•••', after: b === null ? null : '•••' }
      : { before: a, after: b };
  }
  return changes;
}

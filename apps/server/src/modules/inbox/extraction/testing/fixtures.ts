import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Committed fixtures (see fixtures/README.md) and the XML ground truth written beside them. */
export const FIXTURES_DIR = join(dirname(fileURLToPath(import.meta.url)), 'fixtures');
export const REPO_CFDI_DIR = join(FIXTURES_DIR, '../../../../../../../../test-fixtures/cfdi');

export interface TruthEntry {
  source: string;
  fields: Record<string, string | null>;
  taxes: unknown[];
  conceptos: number;
}

export const fixture = (name: string): Buffer => readFileSync(join(FIXTURES_DIR, name));
export const repoCfdi = (name: string): Buffer => readFileSync(join(REPO_CFDI_DIR, name));

export function loadTruth(dir = FIXTURES_DIR): Record<string, TruthEntry> {
  return JSON.parse(readFileSync(join(dir, 'truth.json'), 'utf8')) as Record<string, TruthEntry>;
}

// Optional amounts the XML omits when zero but the printed representation shows as $0.00.
const ZERO_WHEN_ABSENT = new Set(['descuento', 'totalTraslados', 'totalRetenciones']);

/** Field-by-field comparison as a person validating would: upper-case UUID, absent optional amount = 0. */
export function sameValue(field: string, got: string | null | undefined, want: string | null): boolean {
  let g = got ?? null;
  let w = want;
  if (ZERO_WHEN_ABSENT.has(field)) {
    g ??= '0.00';
    w ??= '0.00';
  }
  if (field === 'uuid') return (g ?? '').toUpperCase() === (w ?? '').toUpperCase();
  return g === w;
}

import type { CfdiSearchValues } from './cfdi-search.js';

/**
 * An amount as people type it ("$1,160.50", "1 160.50") read as the API wants it ("1160.50"). A
 * comma is a thousands separator in Mexico; what is left must still match the amount format.
 */
export function normalizeAmount(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const cleaned = value.replace(/[\s$,]/g, '');
  return cleaned === '' ? undefined : cleaned;
}

export type RangeProblem =
  | { key: 'to'; problem: 'datesReversed' }
  | { key: 'maxTotal'; problem: 'amountsReversed' };

/** Filters that are each valid but contradict each other: a range that ends before it starts. */
export function rangeProblems(
  values: Pick<CfdiSearchValues, 'from' | 'to' | 'minTotal' | 'maxTotal'>,
): RangeProblem[] {
  const out: RangeProblem[] = [];
  if (values.from && values.to && values.from > values.to) out.push({ key: 'to', problem: 'datesReversed' });
  if (values.minTotal && values.maxTotal && Number(values.minTotal) > Number(values.maxTotal))
    out.push({ key: 'maxTotal', problem: 'amountsReversed' });
  return out;
}

import type { SatRequestFilters, SatRequestState, SatYearProgress } from '@boveda/contracts';
import { dateOfNaive, naiveOf, type RequestSpec, windowStart } from './sat-request-rules.js';

/** What a request contributes to a year's picture. */
export type YearRequest = RequestSpec & { state: SatRequestState };

export type Part = { kind: 'cfdi' | 'metadata'; direction: 'issued' | 'received' };
const PARTS: Part[] = [
  { kind: 'cfdi', direction: 'issued' },
  { kind: 'cfdi', direction: 'received' },
  { kind: 'metadata', direction: 'issued' },
  { kind: 'metadata', direction: 'received' },
];

export type YearProgress = SatYearProgress;

const ACTIVE = new Set<SatRequestState>(['pending', 'accepted', 'in_progress', 'ready']);
// Finished with everything the SAT had for the period; a split request's halves count instead.
const DONE = new Set<SatRequestState>(['downloaded', 'empty']);

/**
 * A request covers the whole of its part only when nothing narrows it: the received CFDI of a
 * year are filed as `Vigente` (the SAT serves no cancelled received XML), so that status is whole.
 */
const narrowed = (f: SatRequestFilters) =>
  Boolean(
    f.documentType || f.counterparts?.length || f.onBehalfRfc || f.complemento || f.status === 'Cancelado',
  );

/** Whether the finished requests' periods together cover [from, to], to the second. */
function covers(periods: [string, string][], from: string, to: string): boolean {
  const sorted = periods
    .map(([a, b]) => [dateOfNaive(a).getTime(), dateOfNaive(b).getTime()] as const)
    .sort((x, y) => x[0] - y[0]);
  let reached = dateOfNaive(from).getTime() - 1000;
  const end = dateOfNaive(to).getTime();
  for (const [a, b] of sorted) {
    if (a > reached + 1000) break; // a gap of at least one second
    if (b > reached) reached = b;
    if (reached >= end) return true;
  }
  return reached >= end;
}

/**
 * Per year in which a taxpayer has requests: counts by state and whether the year is complete.
 * `localNow` is Mexico City's naive now; the SAT serves six years back (`windowStart`).
 */
export function yearProgress(requests: YearRequest[], localNow: string): YearProgress[] {
  const byYear = new Map<number, YearRequest[]>();
  for (const r of requests) {
    if (r.folio || !r.periodStart || !r.periodEnd || r.state === 'replaced') continue;
    const first = Number(r.periodStart.slice(0, 4));
    const last = Number(r.periodEnd.slice(0, 4));
    for (let y = first; y <= last; y++) {
      const rows = byYear.get(y);
      if (rows) rows.push(r);
      else byYear.set(y, [r]);
    }
  }
  const nowYear = Number(localNow.slice(0, 4));
  const earliest = windowStart(localNow);
  return [...byYear.entries()]
    .sort(([a], [b]) => b - a)
    .map(([year, rows]) => {
      const states: Partial<Record<SatRequestState, number>> = {};
      for (const r of rows) states[r.state] = (states[r.state] ?? 0) + 1;
      const yearStart = `${year}-01-01T00:00:00`;
      const from = yearStart < earliest ? earliest : yearStart;
      // The current year is complete up to a minute ago (what a request filed now could cover).
      const until =
        year >= nowYear
          ? naiveOf(new Date(dateOfNaive(localNow).getTime() - 60_000))
          : `${year}-12-31T23:59:59`;
      const missing = PARTS.filter((part) => {
        const periods = rows
          .filter(
            (r) =>
              r.kind === part.kind &&
              r.direction === part.direction &&
              DONE.has(r.state) &&
              !narrowed(r.filters),
          )
          .map((r) => [r.periodStart!, r.periodEnd!] as [string, string]);
        return !covers(periods, from, until);
      });
      return {
        year,
        complete: missing.length === 0,
        states,
        active: rows.filter((r) => ACTIVE.has(r.state)).length,
        failed: rows.filter((r) => r.state === 'failed').length,
        missing,
        until,
      };
    });
}

import { describe, expect, it } from 'vitest';
import { yearSpecs } from './sat-request-rules.js';
import { type YearRequest, yearProgress } from './year-progress.js';

const NOW = '2026-03-10T12:00:00';
/** The requests "Descargar el año" files, all in one state. */
const year = (y: number, state: YearRequest['state'], now = NOW): YearRequest[] =>
  (['issued', 'received'] as const).flatMap((d) =>
    yearSpecs(y, d, now).map((s) => ({ ...s, state, folio: null })),
  );

describe('a year of SAT requests', () => {
  it('is complete when every part of it is downloaded or empty', () => {
    const rows = year(2025, 'downloaded').map((r, i) =>
      i % 5 === 0 ? { ...r, state: 'empty' as const } : r,
    );
    const [p] = yearProgress(rows, NOW);
    expect(p).toMatchObject({ year: 2025, complete: true, missing: [], active: 0, failed: 0 });
    expect(p!.states).toEqual({ downloaded: 22, empty: 6 });
    expect(p!.until).toBe('2025-12-31T23:59:59');
  });

  it('names the parts still missing while requests are worked on or stopped', () => {
    const rows = year(2025, 'downloaded');
    rows[2] = { ...rows[2]!, state: 'in_progress' }; // March's issued CFDI
    rows[27] = { ...rows[27]!, state: 'failed' }; // the second half's received metadata
    const [p] = yearProgress(rows, NOW);
    expect(p).toMatchObject({ complete: false, active: 1, failed: 1 });
    expect(p!.missing).toEqual([
      { kind: 'cfdi', direction: 'issued' },
      { kind: 'metadata', direction: 'received' },
    ]);
  });

  it('counts a split month by its halves, and not a request narrowed by filters', () => {
    const rows = year(2025, 'downloaded').filter(
      (r) => !(r.kind === 'cfdi' && r.direction === 'issued' && r.periodStart === '2025-05-01T00:00:00'),
    );
    const may = { kind: 'cfdi' as const, direction: 'issued' as const, filters: {}, folio: null };
    rows.push({
      ...may,
      periodStart: '2025-05-01T00:00:00',
      periodEnd: '2025-05-31T23:59:59',
      state: 'split',
    });
    rows.push({
      ...may,
      periodStart: '2025-05-01T00:00:00',
      periodEnd: '2025-05-16T11:59:59',
      state: 'downloaded',
    });
    expect(yearProgress(rows, NOW)[0]!.complete).toBe(false);
    rows.push({
      ...may,
      periodStart: '2025-05-16T12:00:00',
      periodEnd: '2025-05-31T23:59:59',
      state: 'downloaded',
      filters: { documentType: 'I' },
    });
    expect(yearProgress(rows, NOW)[0]!.complete).toBe(false);
    rows.push({
      ...may,
      periodStart: '2025-05-16T12:00:00',
      periodEnd: '2025-05-31T23:59:59',
      state: 'empty',
    });
    expect(yearProgress(rows, NOW)[0]!.complete).toBe(true);
  });

  it('holds the current year to now, and the oldest year to what the SAT still serves', () => {
    const [current] = yearProgress(year(2026, 'downloaded'), NOW);
    expect(current).toMatchObject({ year: 2026, complete: true, until: '2026-03-10T11:59:00' });
    // Six years back: 2020 starts on 2020-03-10 for the SAT; the requests start there too.
    const [oldest] = yearProgress(year(2020, 'downloaded'), NOW);
    expect(oldest).toMatchObject({ year: 2020, complete: true });
  });

  it('lists years newest first and leaves folio and replaced requests out', () => {
    const rows = [...year(2024, 'downloaded'), ...year(2025, 'accepted')];
    rows.push({
      kind: 'cfdi',
      direction: null,
      periodStart: null,
      periodEnd: null,
      filters: {},
      folio: 'x',
      state: 'downloaded',
    });
    rows.push({ ...rows[0]!, state: 'replaced' });
    const list = yearProgress(rows, NOW);
    expect(list.map((p) => [p.year, p.complete, p.active])).toEqual([
      [2025, false, 28],
      [2024, true, 0],
    ]);
    expect(list[1]!.states).toEqual({ downloaded: 28 });
  });
});

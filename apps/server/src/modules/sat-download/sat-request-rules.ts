import { createHash } from 'node:crypto';
import { RFC_PATTERN } from '@boveda/contracts';
import { knownComplementos } from './sat/sat-query.js';
import { satDownloadErrors } from './sat-download.errors.js';
import type { SatRequestFilters } from './sat-download.schema.js';

/** What a person asks for, before it becomes a row. */
export interface RequestSpec {
  kind: 'cfdi' | 'metadata';
  direction: 'issued' | 'received' | null;
  periodStart: string | null;
  periodEnd: string | null;
  filters: SatRequestFilters;
  folio: string | null;
}

const NAIVE = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** `YYYY-MM-DDTHH:mm:ss` of a naive timestamp read as UTC (we only do calendar arithmetic on it). */
export const naiveOf = (d: Date) => d.toISOString().slice(0, 19);
export const dateOfNaive = (s: string) => new Date(`${s}Z`);

export function isNaive(value: string): boolean {
  const m = NAIVE.exec(value);
  if (!m) return false;
  const d = dateOfNaive(value);
  return !Number.isNaN(d.getTime()) && naiveOf(d) === value;
}

/** Mexico local "now" as a naive timestamp: the SAT's dates carry no zone and mean local time. */
export function mexicoNow(now: Date = new Date()): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: 'America/Mexico_City',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(now);
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? '00';
  return `${get('year')}-${get('month')}-${get('day')}T${get('hour')}:${get('minute')}:${get('second')}`;
}

/** The oldest start the SAT accepts: today minus 6 years, at midnight (phpcfdi's reading, doc §1.6.1). */
export function windowStart(localNow: string): string {
  const y = Number(localNow.slice(0, 4)) - 6;
  return `${y}${localNow.slice(4, 10)}T00:00:00`;
}

/**
 * The v1.5 rules, checked before anything is sent, so a person learns at once what the SAT would
 * reject hours later. Returns the normalized spec (defaults applied) or throws a 422 with a code.
 */
export function validateSpec(spec: RequestSpec, localNow: string): RequestSpec {
  const fail = (code: Parameters<typeof satDownloadErrors>[0], detail: string) => {
    throw satDownloadErrors(code, detail);
  };
  if (spec.folio !== null) {
    const f = spec.filters;
    const hasFilters = Boolean(
      f.documentType || f.status || f.counterparts?.length || f.onBehalfRfc || f.complemento,
    );
    if (spec.periodStart || spec.periodEnd || spec.direction || hasFilters || spec.kind !== 'cfdi')
      fail(
        'FOLIO_MUST_BE_ALONE',
        'A folio request carries only the UUID: no period, direction, type or filters.',
      );
    if (!UUID.test(spec.folio)) fail('INVALID_FOLIO', 'The folio must be a UUID.');
    return { ...spec, folio: spec.folio.toLowerCase(), filters: {} };
  }
  if (!spec.direction) fail('DIRECTION_REQUIRED', 'Say whether the CFDI were issued or received.');
  const { periodStart: start, periodEnd: end } = spec;
  if (!start || !end || !isNaive(start) || !isNaive(end))
    fail('INVALID_PERIOD', 'The period needs a start and an end as YYYY-MM-DDTHH:mm:ss.');
  if (!(start! < end!)) fail('PERIOD_ORDER', 'The period must start strictly before it ends.');
  if (start! < windowStart(localNow))
    fail(
      'PERIOD_TOO_OLD',
      `The SAT serves only the last 6 years: start on or after ${windowStart(localNow)}.`,
    );
  if (start! > localNow) fail('PERIOD_IN_FUTURE', 'The period starts in the future.');

  const filters: SatRequestFilters = { ...spec.filters };
  const counterparts = (filters.counterparts ?? []).map((r) => r.toUpperCase());
  if (counterparts.length > 5) fail('TOO_MANY_COUNTERPARTS', 'At most 5 counterpart RFCs.');
  if (spec.direction === 'received' && counterparts.length > 1)
    fail('TOO_MANY_COUNTERPARTS', 'A received request filters by at most one issuer RFC.');
  const bad = counterparts.find((r) => !RFC_PATTERN.test(r));
  if (bad) fail('INVALID_RFC', `Not an RFC: ${bad}`);
  if (filters.onBehalfRfc && !RFC_PATTERN.test(filters.onBehalfRfc.toUpperCase()))
    fail('INVALID_RFC', 'The "a cuenta de terceros" RFC is not an RFC.');
  if (filters.complemento && !knownComplementos().includes(filters.complemento))
    fail('UNKNOWN_COMPLEMENTO', `Unknown complemento: ${filters.complemento}`);
  if (spec.direction === 'received' && spec.kind === 'cfdi') {
    if (filters.status && filters.status !== 'Vigente')
      fail(
        'RECEIVED_CFDI_ONLY_VIGENTE',
        'The SAT only hands out the XML of received CFDI that are vigente; ask for metadata to see cancelled ones.',
      );
    filters.status = 'Vigente';
  }
  if (!filters.status) filters.status = 'Todos';
  const normalized: SatRequestFilters = { status: filters.status };
  if (filters.documentType) normalized.documentType = filters.documentType;
  if (counterparts.length) normalized.counterparts = [...counterparts].sort();
  if (filters.onBehalfRfc) normalized.onBehalfRfc = filters.onBehalfRfc.toUpperCase();
  if (filters.complemento) normalized.complemento = filters.complemento;
  return { ...spec, filters: normalized };
}

export function paramsHash(rfc: string, spec: RequestSpec): string {
  const canonical = JSON.stringify([
    rfc.toUpperCase(),
    spec.kind,
    spec.direction,
    spec.periodStart,
    spec.periodEnd,
    spec.folio,
    Object.entries(spec.filters)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => a.localeCompare(b)),
  ]);
  return createHash('sha256').update(canonical).digest('hex');
}

const pad = (n: number) => String(n).padStart(2, '0');
const lastDay = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

/**
 * The yearly bulk for one direction: 12 monthly CFDI requests and 2 semester metadata requests.
 * Periods before the SAT's window are clipped to it; periods that start in the future are left out.
 */
export function yearSpecs(year: number, direction: 'issued' | 'received', localNow: string): RequestSpec[] {
  const from = windowStart(localNow);
  const specs: RequestSpec[] = [];
  const add = (kind: 'cfdi' | 'metadata', start: string, end: string) => {
    if (end < from || start > localNow) return;
    const periodStart = start < from ? from : start;
    const status = direction === 'received' && kind === 'cfdi' ? 'Vigente' : 'Todos';
    specs.push({ kind, direction, periodStart, periodEnd: end, filters: { status }, folio: null });
  };
  for (let m = 1; m <= 12; m++)
    add('cfdi', `${year}-${pad(m)}-01T00:00:00`, `${year}-${pad(m)}-${pad(lastDay(year, m))}T23:59:59`);
  add('metadata', `${year}-01-01T00:00:00`, `${year}-06-30T23:59:59`);
  add('metadata', `${year}-07-01T00:00:00`, `${year}-12-31T23:59:59`);
  return specs;
}

/** Halves of an inclusive naive period, or null when it is too short to split (one second). */
export function splitPeriod(start: string, end: string): [[string, string], [string, string]] | null {
  const a = dateOfNaive(start).getTime();
  const b = dateOfNaive(end).getTime();
  const seconds = Math.floor((b - a) / 1000);
  if (seconds < 2) return null;
  const mid = a + Math.floor(seconds / 2) * 1000;
  return [
    [start, naiveOf(new Date(mid))],
    [naiveOf(new Date(mid + 1000)), end],
  ];
}

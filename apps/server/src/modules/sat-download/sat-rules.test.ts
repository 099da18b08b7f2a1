import { describe, expect, it } from 'vitest';
import { isAppError } from '../../platform/errors/app-error.js';
import {
  paramsHash,
  type RequestSpec,
  splitPeriod,
  validateSpec,
  windowStart,
  yearSpecs,
} from './sat-request-rules.js';
import { STALE_MS, verifyOutcome } from './verify-outcome.js';

const NOW = '2026-11-25T10:00:00';
const spec = (over: Partial<RequestSpec>): RequestSpec => ({
  kind: 'cfdi',
  direction: 'issued',
  periodStart: '2025-01-01T00:00:00',
  periodEnd: '2025-01-31T23:59:59',
  filters: {},
  folio: null,
  ...over,
});
const codeOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    if (isAppError(e)) return e.code;
    throw e;
  }
  return 'OK';
};

describe('v1.5 request rules', () => {
  it('the 6-year window starts at midnight six years back (rolling, as phpcfdi reads it)', () => {
    expect(windowStart(NOW)).toBe('2020-11-25T00:00:00');
    expect(codeOf(() => validateSpec(spec({ periodStart: '2020-11-24T23:59:59' }), NOW))).toBe(
      'PERIOD_TOO_OLD',
    );
    expect(codeOf(() => validateSpec(spec({ periodStart: '2020-11-25T00:00:00' }), NOW))).toBe('OK');
  });

  it('a single instant is not a period (v1.5 wants start < end)', () => {
    expect(codeOf(() => validateSpec(spec({ periodEnd: '2025-01-01T00:00:00' }), NOW))).toBe('PERIOD_ORDER');
    expect(codeOf(() => validateSpec(spec({ periodEnd: '2025-02-30T00:00:00' }), NOW))).toBe(
      'INVALID_PERIOD',
    );
  });

  it('received CFDI default to Vigente, issued to Todos; counterparts are normalised so equal filters hash equal', () => {
    expect(validateSpec(spec({ direction: 'received' }), NOW).filters.status).toBe('Vigente');
    expect(validateSpec(spec({ kind: 'metadata', direction: 'received' }), NOW).filters.status).toBe('Todos');
    const a = validateSpec(spec({ filters: { counterparts: ['bbb010101bbb', 'AAA010101AAA'] } }), NOW);
    const b = validateSpec(
      spec({ filters: { counterparts: ['AAA010101AAA', 'BBB010101BBB'], status: 'Todos' } }),
      NOW,
    );
    expect(paramsHash('EKU9003173C9', a)).toBe(paramsHash('EKU9003173C9', b));
    expect(paramsHash('EKU9003173C9', a)).not.toBe(
      paramsHash('EKU9003173C9', { ...a, periodEnd: '2025-01-31T23:59:58' }),
    );
  });

  it('the yearly bulk: 12 months + 2 semesters, clipped to the window, nothing in the future', () => {
    const full = yearSpecs(2025, 'issued', NOW);
    expect(full.filter((s) => s.kind === 'cfdi').map((s) => s.periodEnd?.slice(0, 10))).toContain(
      '2025-02-28',
    );
    expect(full.map((s) => s.kind)).toEqual([...Array(12).fill('cfdi'), 'metadata', 'metadata']);
    const oldest = yearSpecs(2020, 'received', NOW);
    expect(oldest.map((s) => s.periodStart)).toEqual([
      '2020-11-25T00:00:00',
      '2020-12-01T00:00:00',
      '2020-11-25T00:00:00',
    ]);
    expect(oldest[0]?.filters.status).toBe('Vigente');
    expect(yearSpecs(2026, 'issued', NOW).filter((s) => s.kind === 'cfdi')).toHaveLength(11);
  });

  it('splits an inclusive period into two halves that tile it, down to one second', () => {
    expect(splitPeriod('2025-01-01T00:00:00', '2025-01-31T23:59:59')).toEqual([
      ['2025-01-01T00:00:00', '2025-01-16T11:59:59'],
      ['2025-01-16T12:00:00', '2025-01-31T23:59:59'],
    ]);
    expect(splitPeriod('2025-01-01T00:00:00', '2025-01-01T00:00:02')).toEqual([
      ['2025-01-01T00:00:00', '2025-01-01T00:00:01'],
      ['2025-01-01T00:00:02', '2025-01-01T00:00:02'],
    ]);
    expect(splitPeriod('2025-01-01T00:00:00', '2025-01-01T00:00:01')).toBeNull();
  });
});

describe('what a verification answer leads to (the recovery table)', () => {
  const filed = new Date('2026-01-01T00:00:00Z');
  const at = (ms: number) => new Date(filed.getTime() + ms);
  const ok = {
    code: 5000,
    message: 'Solicitud Aceptada',
    requestCode: 5000,
    count: 0,
    packageIds: [] as string[],
  };

  it.each([
    [{ ...ok, requestState: 1 }, 0, { action: 'wait', state: 'accepted' }],
    [{ ...ok, requestState: 2 }, STALE_MS, { action: 'wait', state: 'in_progress' }],
    [{ ...ok, requestState: 2 }, STALE_MS + 1, { action: 'replace-stale', state: 'in_progress' }],
    [
      { ...ok, requestState: 3, count: 3, packageIds: ['A_01'] },
      0,
      { action: 'download', packageIds: ['A_01'], count: 3 },
    ],
    [{ ...ok, requestState: 5, requestCode: 5004 }, 0, { action: 'empty', count: 0 }],
    [
      { ...ok, requestState: 5, requestCode: 5003, count: 300_000 },
      0,
      { action: 'split', code: 5003, count: 300_000 },
    ],
    [{ ...ok, code: 5003, requestState: 5, requestCode: 5003 }, 0, { action: 'split', code: 5003, count: 0 }],
    [{ ...ok, requestState: 6 }, 0, { action: 'replace-expired' }],
    [{ ...ok, requestState: 5, requestCode: 5002 }, 0, { action: 'stop', code: 5002 }],
    [{ ...ok, requestState: 5, requestCode: 5005 }, 0, { action: 'stop', code: 5005 }],
    [{ ...ok, code: 305, requestState: 0 }, 0, { action: 'stop', code: 305 }],
    [{ ...ok, code: 404, requestState: 0 }, 0, { action: 'retry-later' }],
  ])('%o after %i ms → %o', (answer, elapsed, expected) => {
    expect(verifyOutcome(answer, filed, at(elapsed))).toEqual(expected);
  });

  it('EstadoSolicitud 4 (Error) stops with a reason that says so', () => {
    const outcome = verifyOutcome({ ...ok, requestState: 4, requestCode: 404 }, filed, filed);
    expect(outcome).toMatchObject({ action: 'stop', code: 404 });
    expect(outcome.action === 'stop' && outcome.reason).toMatchObject({
      code: 'sat_processing_error',
      params: { satCode: 404 },
      text: expect.stringMatching(/EstadoSolicitud 4/),
    });
  });
});

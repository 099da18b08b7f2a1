import { describe, expect, it } from 'vitest';
import type { SatRequest } from '../../api/types.js';
import { esMX } from '../../i18n/es-MX.js';
import { formatPeriod, formatSize, relationOf, requestTitle } from './sat-labels.js';

const request = (over: Partial<SatRequest> = {}): SatRequest => ({
  id: 'r1',
  rfc: 'EKU9003173C9',
  type: 'cfdi',
  direction: 'issued',
  period: { start: '2025-01-01T00:00:00', end: '2025-01-31T23:59:59' },
  filters: { status: 'Todos' },
  folio: null,
  state: 'failed',
  origin: 'year',
  satRequestId: null,
  sat: { statusCode: null, statusMessage: null, requestState: null, requestCode: null },
  cfdiCount: null,
  replaces: null,
  replacedBy: null,
  splitFrom: null,
  attempts: {},
  needsAttention: null,
  attention: null,
  submittedAt: null,
  lastVerifiedAt: null,
  finishedAt: null,
  createdAt: '2026-01-01T00:00:00Z',
  ...over,
});

describe('SAT periods read the way a contador names them', () => {
  it('a whole month, a semester, and the last day of December stay in their own year', () => {
    expect(formatPeriod({ start: '2025-02-01T00:00:00', end: '2025-02-28T23:59:59' }, 'es-MX')).toBe(
      'febrero de 2025',
    );
    expect(formatPeriod({ start: '2025-01-01T00:00:00', end: '2025-06-30T23:59:59' }, 'es-MX')).toBe(
      'enero–junio de 2025',
    );
    // Naive Mexico City times: never shifted by the browser's time zone.
    expect(formatPeriod({ start: '2025-12-01T00:00:00', end: '2025-12-31T23:59:59' }, 'en')).toBe(
      'December 2025',
    );
  });

  it('split halves show their days, and times when they are not whole days', () => {
    expect(formatPeriod({ start: '2025-01-01T00:00:00', end: '2025-01-15T23:59:59' }, 'es-MX')).toBe(
      '1–15 de ene de 2025',
    );
    expect(formatPeriod({ start: '2025-01-01T00:00:00', end: '2025-01-01T11:59:59' }, 'es-MX')).toMatch(
      /11:59:59/,
    );
    expect(formatPeriod(null, 'es-MX')).toBe('—');
    expect(formatPeriod({ start: 'nonsense', end: 'x' }, 'es-MX')).toBe('nonsense – x');
  });

  it('titles name type, direction and period, or the folio', () => {
    expect(requestTitle(request(), esMX, 'es-MX')).toBe('CFDI · Emitidos · enero de 2025');
    const uuid = '5f2a6c1e-1111-4a2b-8c3d-0123456789ab';
    expect(requestTitle(request({ direction: null, period: null, folio: uuid }), esMX, 'es-MX')).toBe(
      `CFDI · Por folio · ${uuid}`,
    );
  });
});

describe('links between requests', () => {
  const original = request({ id: 'a', replacedBy: 'b' });
  const replacement = request({ id: 'b', replaces: 'a' });
  const half = request({ id: 'c', splitFrom: 'a' });

  it('tells a replacement from the request it replaced, and a split from its halves', () => {
    expect(relationOf(original, replacement)).toBe('replacedBy');
    expect(relationOf(replacement, original)).toBe('replaces');
    expect(relationOf(original, half)).toBe('splitInto');
    expect(relationOf(half, original)).toBe('splitFrom');
    expect(relationOf(half, replacement)).toBeNull();
  });
});

describe('package sizes', () => {
  it('scale to the unit a person reads', () => {
    expect(formatSize(512, 'es-MX')).toBe('512 B');
    expect(formatSize(3193, 'es-MX')).toBe('3.1 kB');
    expect(formatSize(5 * 1024 * 1024, 'en')).toBe('5 MB');
  });
});

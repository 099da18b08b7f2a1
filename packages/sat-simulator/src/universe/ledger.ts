import { DAY, monthLabel, monthStart, parseNaive } from './calendar.js';
import { UniverseError } from './errors.js';
import { type Pools, poolsFor } from './parties.js';
import { type Key, keyOf, mix32, Rng } from './prng.js';
import { isMoral } from './rfc.js';
import type { Direction, DocumentType } from './types.js';
import { MAX_INDEX, MAX_MONTH } from './uuid-codec.js';

/**
 * One RFC's documents in one direction. Document `index` of `month` is a pure function of
 * (seed, rfc, direction, month, index): its header is derived on demand, so counting a period
 * never renders XML and never needs the documents before it.
 */
export interface Ledger {
  seed: string;
  rfc: string;
  direction: Direction;
  perMonth: number;
  pools: Pools;
  /** Documents after this instant do not exist yet; later cancellations have not happened. */
  untilSec: number | undefined;
  monthKeys: Map<number, Key>;
}

export interface DocHeader {
  month: number;
  index: number;
  issuedSec: number;
  certifiedSec: number;
  type: DocumentType;
  version: '4.0' | '3.3';
  /** MetodoPago PPD (paid later by a P document). */
  ppd: boolean;
  cancelledSec: number | undefined;
  /** Index into `pools.counterparts`, or `pools.employees` for nómina. */
  counterpart: number;
  /** P pays, E credits, the document at the same index one month earlier. */
  related: boolean;
  thirdParty: number | undefined;
  pac: number;
  /** The SAT quirk: a name with a bare line feed inside (about 1 row in 500). */
  lineFeedInName: boolean;
  /** Old 3.3 documents sometimes lack Receptor@Nombre: metadata then shows `~~`. */
  receiverNameMissing: boolean;
}

const CFDI40_START = parseNaive('2022-01-01T00:00:00');
const CFDI33_END = parseNaive('2023-04-01T00:00:00');

export function createLedger(
  seed: string,
  rfc: string,
  direction: Direction,
  perMonth: number,
  untilSec?: number,
): Ledger {
  if (!Number.isInteger(perMonth) || perMonth < 0 || perMonth > Math.min(MAX_INDEX + 1, 28 * DAY)) {
    throw new UniverseError('invalid-volume', `documents per month must be an integer in 0..${28 * DAY}`);
  }
  return {
    seed,
    rfc,
    direction,
    perMonth,
    pools: poolsFor(seed, rfc, direction),
    untilSec,
    monthKeys: new Map(),
  };
}

function monthKey(ledger: Ledger, month: number): Key {
  let key = ledger.monthKeys.get(month);
  if (!key) {
    key = keyOf(ledger.seed, ledger.rfc, ledger.direction, monthLabel(month));
    if (ledger.monthKeys.size > 512) ledger.monthKeys.clear();
    ledger.monthKeys.set(month, key);
  }
  return key;
}

/**
 * Emission times grow strictly with the index (each document owns a time slot of the month), so a
 * date range maps to an index range by binary search and `select` needs no sort.
 */
export function issuedSecOf(ledger: Ledger, month: number, index: number): number {
  const start = monthStart(month);
  const width = monthStart(month + 1) - start;
  const slotStart = Math.floor((index * width) / ledger.perMonth);
  const slotEnd = Math.floor(((index + 1) * width) / ledger.perMonth);
  const key = monthKey(ledger, month);
  return start + slotStart + (mix32(key[3] ^ mix32(index)) % (slotEnd - slotStart));
}

/** First index whose emission is ≥ `sec` (perMonth when none). */
export function lowerIndex(ledger: Ledger, month: number, sec: number): number {
  let lo = 0;
  let hi = ledger.perMonth;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (issuedSecOf(ledger, month, mid) < sec) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export function validMonth(month: number): boolean {
  return month >= 1 && month <= MAX_MONTH;
}

type Kind = 'I' | 'E' | 'P' | 'N' | 'T';

interface BaseRoll {
  kind: Kind;
  ppd: boolean;
  cancelRoll: boolean;
  counterpart: number;
}

function kindOf(ledger: Ledger, u: number): Kind {
  if (ledger.direction === 'received') return u < 0.8 ? 'I' : u < 0.86 ? 'E' : u < 0.99 ? 'P' : 'T';
  if (isMoral(ledger.rfc)) return u < 0.66 ? 'I' : u < 0.71 ? 'E' : u < 0.85 ? 'P' : u < 0.99 ? 'N' : 'T';
  return u < 0.82 ? 'I' : u < 0.88 ? 'E' : u < 0.99 ? 'P' : 'T';
}

/** Counterparts follow a skewed distribution: a few customers/suppliers dominate, as in real books. */
function counterpartOf(size: number, u: number): number {
  return Math.min(size - 1, Math.floor(size * u * u));
}

function baseRoll(ledger: Ledger, rng: Rng): BaseRoll {
  const kind = kindOf(ledger, rng.float());
  const ppd = rng.chance(0.4);
  const cancelRoll = rng.chance(0.04);
  const u = rng.float();
  const size = kind === 'N' ? ledger.pools.employees.length : ledger.pools.counterparts.length;
  return { kind, ppd, cancelRoll, counterpart: counterpartOf(size, u) };
}

function versionOf(issuedSec: number, u: number): '4.0' | '3.3' {
  if (issuedSec < CFDI40_START) return '3.3';
  if (issuedSec >= CFDI33_END) return '4.0';
  // The 2022 transition: 4.0 adoption grows month by month until 3.3 stops being accepted.
  return u < (issuedSec - CFDI40_START) / (CFDI33_END - CFDI40_START) ? '4.0' : '3.3';
}

export function headerOf(ledger: Ledger, month: number, index: number): DocHeader {
  const key = monthKey(ledger, month);
  const rng = Rng.forIndex(key, index, 0);
  const roll = baseRoll(ledger, rng);
  const issuedSec = issuedSecOf(ledger, month, index);
  let type: DocumentType = roll.kind;
  let ppd = roll.kind === 'I' && roll.ppd;
  let counterpart = roll.counterpart;
  let related = false;
  if (roll.kind === 'P' || roll.kind === 'E') {
    // A payment needs an earlier, live PPD invoice of the same pair; a credit note, a live invoice.
    const parent = validMonth(month - 1)
      ? baseRoll(ledger, Rng.forIndex(monthKey(ledger, month - 1), index, 0))
      : undefined;
    if (parent && parent.kind === 'I' && !parent.cancelRoll && (roll.kind === 'E' || parent.ppd)) {
      related = true;
      counterpart = parent.counterpart;
    } else {
      type = 'I';
      ppd = false; // never PPD: nothing could be checking this fallback as a parent
    }
  }
  const version = versionOf(issuedSec, rng.float());
  const cancelDelay = rng.int(600, 40 * DAY);
  let cancelledSec: number | undefined = roll.cancelRoll ? issuedSec + cancelDelay : undefined;
  if (cancelledSec !== undefined && ledger.untilSec !== undefined && cancelledSec > ledger.untilSec) {
    cancelledSec = undefined;
  }
  const thirdRoll = rng.float();
  const thirdParty =
    type === 'I' && version === '4.0' && thirdRoll < 0.04
      ? Math.floor((thirdRoll / 0.04) * ledger.pools.thirdParties.length)
      : undefined;
  const slowStamp = rng.chance(0.02);
  const certifiedSec = issuedSec + (slowStamp ? rng.int(600, 70 * 3600) : rng.int(2, 180));
  return {
    month,
    index,
    issuedSec,
    certifiedSec,
    type,
    version,
    ppd,
    cancelledSec,
    counterpart,
    related,
    thirdParty,
    pac: rng.int(0, 5),
    lineFeedInName: rng.chance(1 / 500),
    receiverNameMissing: version === '3.3' && rng.chance(0.1),
  };
}

export function complementosOf(header: DocHeader): string[] {
  if (header.type === 'P') return [header.version === '4.0' ? 'pagos20' : 'pagos10'];
  if (header.type === 'N') return ['nomina12'];
  return [];
}

/** A second stream for the body (amounts, descriptions) so header draws never shift body values. */
export function bodyRng(ledger: Ledger, month: number, index: number): Rng {
  return Rng.forIndex(monthKey(ledger, month), index, 1);
}

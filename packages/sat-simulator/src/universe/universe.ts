import { Readable } from 'node:stream';
import { monthOf, parseNaive } from './calendar.js';
import { buildModel, Cfdi } from './document.js';
import { UniverseError } from './errors.js';
import {
  complementosOf,
  createLedger,
  type DocHeader,
  headerOf,
  type Ledger,
  lowerIndex,
  validMonth,
} from './ledger.js';
import {
  CRLF,
  METADATA_HEADER,
  metadataRow,
  requestIdOf,
  THIRD_PARTY_HEADER,
  thirdPartyRow,
} from './metadata.js';
import { keyOf } from './prng.js';
import { normalizeRfc } from './rfc.js';
import type {
  Direction,
  GeneratedCfdi,
  PackagePlan,
  Universe,
  UniverseFilter,
  UniverseOptions,
  VolumeConfig,
} from './types.js';
import { decodeUuid, encodeUuid, MAX_MONTH } from './uuid-codec.js';
import { ZipWriter } from './zip-writer.js';

const DEFAULT_VOLUME: VolumeConfig = { issuedPerMonth: 24, receivedPerMonth: 36 };
const CHUNK_BYTES = 256 * 1024;

function positiveInt(value: number | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value < 1)
    throw new UniverseError('invalid-option', `${name} must be a positive integer`);
  return value;
}

interface Prepared {
  ledger: Ledger;
  fromSec: number;
  toSec: number;
  accept: (header: DocHeader) => boolean;
}

export function createUniverse(options: UniverseOptions): Universe {
  if (typeof options.seed !== 'string' || options.seed.length === 0) {
    throw new UniverseError('invalid-option', 'seed must be a non-empty string');
  }
  const seed = options.seed;
  const key = keyOf(seed, 'uuid');
  const defaultVolume = options.defaultVolume ?? DEFAULT_VOLUME;
  const volumes = new Map<string, VolumeConfig>();
  for (const [rfc, volume] of Object.entries(options.volumes ?? {})) volumes.set(normalizeRfc(rfc), volume);
  const cfdiPerPackage = positiveInt(options.cfdiPerPackage, 2_000, 'cfdiPerPackage');
  const rowsPerPackage = positiveInt(options.metadataRowsPerPackage, 1_000_000, 'metadataRowsPerPackage');
  const untilSec = options.until === undefined ? undefined : parseNaive(options.until, 'until');
  const ledgers = new Map<string, Ledger>();

  function ledgerOf(rfc: string, direction: Direction): Ledger {
    const cacheKey = `${rfc}|${direction}`;
    let ledger = ledgers.get(cacheKey);
    if (!ledger) {
      const volume = volumes.get(rfc) ?? defaultVolume;
      const perMonth = direction === 'issued' ? volume.issuedPerMonth : volume.receivedPerMonth;
      ledger = createLedger(seed, rfc, direction, perMonth, untilSec);
      if (ledgers.size > 10_000) ledgers.clear();
      ledgers.set(cacheKey, ledger);
    }
    return ledger;
  }
  // Validate configured volumes up front rather than on first query.
  for (const rfc of volumes.keys()) {
    ledgerOf(rfc, 'issued');
    ledgerOf(rfc, 'received');
  }

  function prepare(filter: UniverseFilter): Prepared {
    if (filter.direction !== 'issued' && filter.direction !== 'received') {
      throw new UniverseError(
        'invalid-option',
        `direction must be issued or received, got "${filter.direction}"`,
      );
    }
    const ledger = ledgerOf(normalizeRfc(filter.requesterRfc), filter.direction);
    const fromSec = parseNaive(filter.from, 'from');
    let toSec = parseNaive(filter.to, 'to');
    if (untilSec !== undefined && untilSec < toSec) toSec = untilSec;
    const status = filter.status ?? 'Vigente';
    const counterparts = filter.counterpartRfcs?.length
      ? new Set(filter.counterpartRfcs.map((rfc) => rfc.trim().toUpperCase()))
      : undefined;
    const thirdParty = filter.thirdPartyRfc?.trim().toUpperCase();
    const complemento = filter.complemento?.trim().toLowerCase();
    const { pools } = ledger;
    const accept = (h: DocHeader): boolean => {
      if (status !== 'Todos' && (h.cancelledSec === undefined) !== (status === 'Vigente')) return false;
      if (filter.documentType && h.type !== filter.documentType) return false;
      if (counterparts) {
        const party = h.type === 'N' ? pools.employees[h.counterpart] : pools.counterparts[h.counterpart];
        if (!party || !counterparts.has(party.rfc)) return false;
      }
      if (thirdParty !== undefined) {
        if (h.thirdParty === undefined || pools.thirdParties[h.thirdParty]?.rfc !== thirdParty) return false;
      }
      if (complemento !== undefined && !complementosOf(h).includes(complemento)) return false;
      return true;
    };
    return { ledger, fromSec, toSec, accept };
  }

  /** Matching headers in emission order: months ascending, and indices are time-ordered within a month. */
  function* matching(filter: UniverseFilter): Generator<{ ledger: Ledger; header: DocHeader }> {
    const { ledger, fromSec, toSec, accept } = prepare(filter);
    if (fromSec > toSec || ledger.perMonth === 0) return;
    const first = Math.max(1, monthOf(fromSec));
    const last = Math.min(MAX_MONTH, monthOf(toSec));
    for (let month = first; month <= last; month += 1) {
      if (!validMonth(month)) continue;
      const lo = lowerIndex(ledger, month, fromSec);
      const hi = lowerIndex(ledger, month, toSec + 1);
      for (let index = lo; index < hi; index += 1) {
        const header = headerOf(ledger, month, index);
        if (accept(header)) yield { ledger, header };
      }
    }
  }

  const uuidOf = (ledger: Ledger, header: DocHeader) =>
    encodeUuid(key, {
      rfc: ledger.rfc,
      direction: ledger.direction,
      month: header.month,
      index: header.index,
    });

  function byUuid(uuid: string): GeneratedCfdi | undefined {
    const address = decodeUuid(key, uuid);
    if (!address || !validMonth(address.month)) return undefined;
    const ledger = ledgerOf(address.rfc, address.direction);
    if (address.index >= ledger.perMonth) return undefined;
    const header = headerOf(ledger, address.month, address.index);
    if (untilSec !== undefined && header.issuedSec > untilSec) return undefined;
    return new Cfdi(buildModel(key, ledger, header));
  }

  function mustFind(uuid: string): GeneratedCfdi {
    const cfdi = byUuid(uuid);
    if (!cfdi) throw new UniverseError('unknown-uuid', `no document with UUID ${uuid} in this universe`);
    return cfdi;
  }

  async function* cfdiZip(plan: PackagePlan): AsyncGenerator<Buffer> {
    const zip = new ZipWriter();
    let pending: Buffer[] = [];
    let pendingBytes = 0;
    for (const uuid of plan.uuids) {
      const cfdi = mustFind(uuid);
      for (const part of zip.file(
        `${cfdi.uuid.toLowerCase()}.xml`,
        Buffer.from(cfdi.xml(), 'utf8'),
        parseNaive(cfdi.certifiedAt),
      )) {
        pending.push(part);
        pendingBytes += part.length;
      }
      if (pendingBytes >= CHUNK_BYTES) {
        yield Buffer.concat(pending);
        pending = [];
        pendingBytes = 0;
      }
    }
    yield Buffer.concat(pending);
    yield* zip.finish();
  }

  async function* metadataZip(plan: PackagePlan): AsyncGenerator<Buffer> {
    const zip = new ZipWriter();
    const thirdPartyRows: string[] = [];
    const firstUuid = plan.uuids[0];
    const mtime = firstUuid ? parseNaive(mustFind(firstUuid).certifiedAt) : parseNaive('1980-01-01T00:00:00');
    function* rows(): Generator<Buffer> {
      let text = METADATA_HEADER;
      for (const uuid of plan.uuids) {
        const cfdi = mustFind(uuid);
        // CRLF between rows and none after the last, like the SAT's files.
        text += CRLF + metadataRow(cfdi);
        const third = thirdPartyRow(cfdi);
        if (third) thirdPartyRows.push(third);
        if (text.length >= CHUNK_BYTES / 2) {
          yield Buffer.from(text, 'utf8');
          text = '';
        }
      }
      if (text.length > 0) yield Buffer.from(text, 'utf8');
    }
    yield* zip.stream(`${plan.id}.txt`, rows(), mtime);
    if (thirdPartyRows.length > 0) {
      const body = [THIRD_PARTY_HEADER, ...thirdPartyRows].join(CRLF);
      yield* zip.file(`${requestIdOf(plan.id)}_tercero.txt`, Buffer.from(body, 'utf8'), mtime);
    }
    yield* zip.finish();
  }

  return {
    seed,
    count(filter) {
      let total = 0;
      for (const _ of matching(filter)) total += 1;
      return total;
    },
    *select(filter) {
      for (const { ledger, header } of matching(filter)) yield new Cfdi(buildModel(key, ledger, header));
    },
    byUuid,
    planPackages(requestId, filter) {
      const size = filter.kind === 'metadata' ? rowsPerPackage : cfdiPerPackage;
      const plans: PackagePlan[] = [];
      let current: string[] = [];
      const flush = () => {
        const id = `${requestId}_${String(plans.length + 1).padStart(2, '0')}`;
        plans.push({ id, kind: filter.kind, uuids: current });
        current = [];
      };
      for (const { ledger, header } of matching(filter)) {
        current.push(uuidOf(ledger, header));
        if (current.length === size) flush();
      }
      if (current.length > 0) flush();
      return plans;
    },
    packageZip(plan) {
      return Readable.from(plan.kind === 'metadata' ? metadataZip(plan) : cfdiZip(plan), {
        objectMode: false,
      });
    },
    truth(filter) {
      const uuids: string[] = [];
      for (const { ledger, header } of matching(filter)) uuids.push(uuidOf(ledger, header));
      return uuids.sort();
    },
  };
}

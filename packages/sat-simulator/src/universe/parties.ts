import {
  GIVEN_NAMES,
  LEGAL_FORMS,
  MORAL_HEADS,
  MORAL_TAILS,
  PRODUCTS,
  type Product,
  STATES,
  SURNAMES,
} from './catalog.js';
import { keyOf, Rng } from './prng.js';
import { fisicaRfc, isMoral, moralRfc } from './rfc.js';
import type { Direction } from './types.js';

export interface Party {
  rfc: string;
  /** Name without the capital regime (what CFDI 4.0 carries). */
  baseName: string;
  /** `SA DE CV` etc., added to the name on CFDI 3.3 only. */
  legalForm?: string;
  regimen: string;
  cp: string;
  moral: boolean;
  /** What this party usually sells: keeps one supplier's invoices coherent. */
  products: readonly Product[];
}

export interface Employee extends Party {
  curp: string;
  nss: string;
  startedOn: string;
  number: string;
  dailyCents: number;
  state: string;
  position: string;
}

export interface Pools {
  self: Party;
  /** Receivers for `issued`, issuers for `received`. Lower indices are drawn more often. */
  counterparts: Party[];
  employees: Employee[];
  thirdParties: Party[];
}

/** SAT's public test RFC: keep its real name so test output looks familiar. */
const KNOWN: Record<string, { name: string; cp: string }> = {
  EKU9003173C9: { name: 'ESCUELA KEMPER URGATE', cp: '42501' },
};

const POOL_SIZE: Record<Direction, number> = { issued: 40, received: 60 };
const EMPLOYEES = 25;
const THIRD_PARTIES = 3;

export function nameFor(party: Party, version: '4.0' | '3.3'): string {
  return version === '3.3' && party.legalForm ? `${party.baseName} ${party.legalForm}` : party.baseName;
}

function cp(rng: Rng): string {
  return String(rng.int(1_000, 99_998)).padStart(5, '0');
}

function productsFor(rng: Rng): Product[] {
  const first = rng.int(0, PRODUCTS.length - 1);
  const count = rng.int(2, 4);
  return Array.from({ length: count }, (_, i) => PRODUCTS[(first + i * 3) % PRODUCTS.length] as Product);
}

function moral(rng: Rng): Party {
  const baseName = `${rng.pick(MORAL_HEADS)} ${rng.pick(MORAL_TAILS)}`;
  return {
    rfc: moralRfc(rng, baseName),
    baseName,
    legalForm: rng.pick(LEGAL_FORMS),
    regimen: rng.chance(0.95) ? '601' : '603',
    cp: cp(rng),
    moral: true,
    products: productsFor(rng),
  };
}

function fisica(rng: Rng, regimen?: string): Party {
  const given = rng.pick(GIVEN_NAMES);
  const paterno = rng.pick(SURNAMES);
  const materno = rng.pick(SURNAMES);
  return {
    rfc: fisicaRfc(rng, given, paterno, materno),
    baseName: `${given} ${paterno} ${materno}`,
    regimen: regimen ?? (rng.chance(0.7) ? '612' : '626'),
    cp: cp(rng),
    moral: false,
    // Personas físicas mostly invoice services (fees, rent), which is what triggers retenciones.
    products: productsFor(rng)
      .filter((p) => p.service)
      .concat(PRODUCTS[1] as Product),
  };
}

function employee(rng: Rng, index: number): Employee {
  const party = fisica(rng, '605');
  const birth = party.rfc.slice(4, 10);
  const sex = rng.chance(0.5) ? 'H' : 'M';
  const state = rng.pick(STATES);
  return {
    ...party,
    curp: `${party.rfc.slice(0, 4)}${birth}${sex}${state.slice(0, 2)}${party.baseName.slice(-2).replace('Ñ', 'X')}X0${rng.int(0, 9)}`,
    nss: rng.digits(11),
    startedOn: `${rng.int(2008, 2021)}-${String(rng.int(1, 12)).padStart(2, '0')}-${String(rng.int(1, 28)).padStart(2, '0')}`,
    number: String(index + 1).padStart(4, '0'),
    dailyCents: rng.int(280, 2_800) * 100,
    state,
    position: rng.pick([
      'AUXILIAR ADMINISTRATIVO',
      'VENDEDOR',
      'ALMACENISTA',
      'CONTADOR',
      'CHOFER',
      'GERENTE',
    ]),
  };
}

function selfParty(seed: string, rfc: string): Party {
  const rng = Rng.fromKey(keyOf(seed, 'self', rfc));
  const generated = isMoral(rfc) ? moral(rng) : fisica(rng);
  const known = KNOWN[rfc];
  return {
    ...generated,
    rfc,
    baseName: known?.name ?? generated.baseName,
    cp: known?.cp ?? generated.cp,
    regimen: isMoral(rfc) ? '601' : '612',
  };
}

const cache = new Map<string, Pools>();
const CACHE_LIMIT = 2_000;

/** The invented world around one RFC: depends only on (seed, rfc, direction), so it is stable. */
export function poolsFor(seed: string, rfc: string, direction: Direction): Pools {
  const cacheKey = `${seed}\u001f${rfc}\u001f${direction}`;
  const cached = cache.get(cacheKey);
  if (cached) return cached;
  const rng = Rng.fromKey(keyOf(seed, 'pools', rfc, direction));
  // Suppliers are more often personas físicas than customers are: that is where retenciones come from.
  const fisicaShare = direction === 'received' ? 0.4 : 0.3;
  const pools: Pools = {
    self: selfParty(seed, rfc),
    counterparts: Array.from({ length: POOL_SIZE[direction] }, () =>
      rng.chance(fisicaShare) ? fisica(rng) : moral(rng),
    ),
    employees: Array.from({ length: EMPLOYEES }, (_, i) => employee(rng, i)),
    thirdParties: Array.from({ length: THIRD_PARTIES }, () => (rng.chance(0.5) ? fisica(rng) : moral(rng))),
  };
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(cacheKey, pools);
  return pools;
}

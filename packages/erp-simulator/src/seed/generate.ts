import {
  COLONIAS,
  COMPANY_HEADS,
  COMPANY_TAILS,
  GIVEN_NAMES,
  LEGAL_FORMS,
  PLACES,
  PRODUCTS,
  REGIMEN_FISICA,
  REGIMEN_MORAL,
  STREETS,
  SURNAMES,
  USO_CFDI,
} from './catalog.js';
import { Rng } from './prng.js';
import { fisicaRfc, moralRfc } from './rfc.js';

export const RESOURCES = ['customers', 'suppliers', 'purchase-orders'] as const;
export type Resource = (typeof RESOURCES)[number];

/** What every pulled record has; the rest is resource-specific JSON. */
export interface ErpRecord {
  id: string;
  updated_at: string;
  [field: string]: unknown;
}

export const ID_PREFIX: Record<Resource, string> = {
  customers: 'CUS',
  suppliers: 'SUP',
  'purchase-orders': 'PO',
};

export function recordId(resource: Resource, n: number): string {
  return `${ID_PREFIX[resource]}-${String(n).padStart(6, '0')}`;
}

// Seeded dates live in a fixed past window (never "now"), so the same seed gives byte-identical data
// and anything touched later is strictly newer than every seeded record.
const WINDOW_START = Date.parse('2023-01-01T00:00:00.000Z');
const WINDOW_END = Date.parse('2025-12-31T23:59:59.000Z');
const DAY = 86_400_000;

function stamps(rng: Rng): { created_at: string; updated_at: string } {
  const created = WINDOW_START + rng.int(0, (WINDOW_END - WINDOW_START) / 1000 - 200 * 86_400) * 1000;
  const updated = Math.min(WINDOW_END, created + rng.int(0, 180 * 86_400) * 1000);
  return { created_at: new Date(created).toISOString(), updated_at: new Date(updated).toISOString() };
}

/** Integer cents (or thousandths) as a plain decimal string: ERPs send money as strings, not floats. */
export function decimal(units: number, places = 2): string {
  const sign = units < 0 ? '-' : '';
  const text = String(Math.abs(units)).padStart(places + 1, '0');
  return `${sign}${text.slice(0, -places)}.${text.slice(-places)}`;
}

function address(rng: Rng) {
  const place = rng.pick(PLACES);
  return {
    calle: rng.pick(STREETS),
    numero_exterior: String(rng.int(1, 2500)),
    numero_interior: rng.chance(0.3) ? `INT ${rng.int(1, 40)}` : null,
    colonia: rng.pick(COLONIAS),
    municipio: rng.pick(place.municipios),
    estado: place.estado,
    codigo_postal: `${place.cp}${rng.digits(5 - place.cp.length)}`,
    pais: 'MEX',
  };
}

function slug(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '')
    .slice(0, 16);
}

/** A company (persona moral, 70 %) or a person (persona física) with RFC, name, régimen and address. */
function party(rng: Rng) {
  if (rng.chance(0.7)) {
    const name = `${rng.pick(COMPANY_HEADS)} ${rng.pick(COMPANY_TAILS)}`;
    const legal = rng.pick(LEGAL_FORMS);
    return {
      rfc: moralRfc(rng, name),
      razon_social: `${name} ${legal}`,
      persona: 'moral',
      regimen_fiscal: rng.pick(REGIMEN_MORAL),
      email: `contacto@${slug(name)}.com.mx`,
    };
  }
  const given = rng.pick(GIVEN_NAMES);
  const s1 = rng.pick(SURNAMES);
  const s2 = rng.pick(SURNAMES);
  return {
    rfc: fisicaRfc(rng, given, s1, s2),
    razon_social: `${given} ${s1} ${s2}`,
    persona: 'fisica',
    regimen_fiscal: rng.pick(REGIMEN_FISICA),
    email: `${slug(given)}.${slug(s1)}${rng.int(1, 99)}@gmail.com`,
  };
}

export function customer(seed: string, n: number): ErpRecord {
  const rng = new Rng(seed, 'customers', String(n));
  const who = party(rng);
  const time = stamps(rng);
  return {
    id: recordId('customers', n),
    ...who,
    uso_cfdi: rng.pick(USO_CFDI),
    telefono: `+52 ${rng.digits(2)} ${rng.digits(4)} ${rng.digits(4)}`,
    direccion: address(rng),
    credit_limit: decimal(rng.int(0, 50) * 1_000_000),
    active: rng.chance(0.95),
    ...time,
  };
}

export function supplier(seed: string, n: number): ErpRecord {
  const rng = new Rng(seed, 'suppliers', String(n));
  const who = party(rng);
  const time = stamps(rng);
  return {
    id: recordId('suppliers', n),
    ...who,
    telefono: `+52 ${rng.digits(2)} ${rng.digits(4)} ${rng.digits(4)}`,
    direccion: address(rng),
    payment_terms_days: rng.pick([0, 15, 30, 45, 60]),
    clabe: `${rng.pick(['002', '012', '014', '021', '072'])}${rng.digits(15)}`,
    active: rng.chance(0.95),
    ...time,
  };
}

/**
 * The firm's client that owns this ERP: what `GET /api/company` answers, the cheapest authenticated
 * call for a connector's "test connection".
 */
export function company(seed: string): Record<string, unknown> {
  const rng = new Rng(seed, 'company');
  const name = `${rng.pick(COMPANY_HEADS)} ${rng.pick(COMPANY_TAILS)}`;
  return {
    rfc: moralRfc(rng, name),
    razon_social: `${name} ${rng.pick(LEGAL_FORMS)}`,
    regimen_fiscal: '601',
    direccion: address(rng),
    moneda: 'MXN',
    erp: 'boveda-erp-simulator',
  };
}

const PO_STATUSES = ['draft', 'approved', 'received', 'invoiced', 'cancelled'] as const;

/** Supplier data is passed in (not regenerated) so 100,000 orders stay cheap. */
export function purchaseOrder(
  seed: string,
  n: number,
  supplierOf: (index: number) => ErpRecord | undefined,
): ErpRecord {
  const rng = new Rng(seed, 'purchase-orders', String(n));
  const time = stamps(rng);
  const vendor = supplierOf(rng.int(1, 1_000_000));
  let subtotal = 0;
  let tax = 0;
  const lines = Array.from({ length: rng.int(1, 5) }, (_, i) => {
    const product = rng.pick(PRODUCTS);
    // Quantities in thousandths: litres and kilos come fractional, pieces whole.
    const fractional = product.unit === 'LTR' || product.unit === 'KGM';
    const quantity = fractional ? rng.int(500, 400_000) : rng.int(1, 40) * 1000;
    const price = rng.int(product.min, product.max);
    const lineSubtotal = Math.round((quantity * price) / 1000);
    const lineTax = Math.round(lineSubtotal * 0.16);
    subtotal += lineSubtotal;
    tax += lineTax;
    return {
      line: i + 1,
      sku: product.sku,
      description: product.description,
      unit: product.unit,
      quantity: decimal(quantity, 3),
      unit_price: decimal(price),
      tax_rate: '0.160000',
      subtotal: decimal(lineSubtotal),
      tax: decimal(lineTax),
      total: decimal(lineSubtotal + lineTax),
    };
  });
  const issued = new Date(Date.parse(time.created_at) - rng.int(0, 3) * DAY).toISOString().slice(0, 10);
  return {
    id: recordId('purchase-orders', n),
    folio: `OC-${issued.slice(0, 4)}-${String(n).padStart(6, '0')}`,
    supplier_id: vendor?.id ?? null,
    supplier_rfc: vendor?.rfc ?? null,
    supplier_name: vendor?.razon_social ?? null,
    issued_on: issued,
    currency: 'MXN',
    exchange_rate: '1.000000',
    status: rng.pick(PO_STATUSES),
    lines,
    subtotal: decimal(subtotal),
    tax: decimal(tax),
    total: decimal(subtotal + tax),
    ...time,
  };
}

export interface Counts {
  customers: number;
  suppliers: number;
  purchaseOrders: number;
}

/** The seeded data set: the same seed and counts always give the same records. */
export function seedRecords(seed: string, counts: Counts): Record<Resource, ErpRecord[]> {
  const suppliers = Array.from({ length: counts.suppliers }, (_, i) => supplier(seed, i + 1));
  const supplierOf = (pick: number) => (suppliers.length ? suppliers[pick % suppliers.length] : undefined);
  return {
    customers: Array.from({ length: counts.customers }, (_, i) => customer(seed, i + 1)),
    suppliers,
    'purchase-orders': Array.from({ length: counts.purchaseOrders }, (_, i) =>
      purchaseOrder(seed, i + 1, supplierOf),
    ),
  };
}

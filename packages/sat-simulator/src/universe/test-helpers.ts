import { XMLParser } from 'fast-xml-parser';
import type { Direction, StatusFilter, UniverseFilter } from './types.js';

/** Shared by the universe tests only. */
export const RFC_MORAL = 'EKU9003173C9';
export const RFC_FISICA = 'GOMR800101AB1';

export function filterOf(
  direction: Direction,
  from: string,
  to: string,
  extra: Partial<UniverseFilter> & { status?: StatusFilter } = {},
): UniverseFilter {
  return { requesterRfc: RFC_MORAL, direction, kind: 'metadata', from, to, ...extra };
}

const ARRAYS = new Set([
  'cfdi:Concepto',
  'cfdi:Traslado',
  'cfdi:Retencion',
  'cfdi:CfdiRelacionado',
  'pago20:Pago',
  'pago20:DoctoRelacionado',
  'pago20:TrasladoDR',
  'pago20:RetencionDR',
  'pago10:Pago',
  'pago10:DoctoRelacionado',
  'nomina12:Percepcion',
  'nomina12:Deduccion',
]);

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '',
  parseAttributeValue: false,
  isArray: (name) => ARRAYS.has(name),
});

// biome-ignore lint/suspicious/noExplicitAny: parsed XML is untyped by nature
export type Node = Record<string, any>;

export function parseCfdi(xml: string): Node {
  return parser.parse(xml)['cfdi:Comprobante'] as Node;
}

/** Decimal string → integer cents without going through floats. */
export function cents(value: string | undefined): number {
  if (value === undefined) return 0;
  const match = /^(-?)(\d+)(?:\.(\d{1,2}))?$/.exec(value);
  if (!match) throw new Error(`not a money amount: ${value}`);
  const [, sign, whole, fraction = ''] = match;
  const abs = Number(whole) * 100 + Number(fraction.padEnd(2, '0'));
  return sign ? -abs : abs;
}

export function sum(values: Array<string | undefined>): number {
  return values.reduce((acc, v) => acc + cents(v), 0);
}

import { sumDecimals } from './decimal.js';
import type { CfdiTaxes, TaxBreakdown } from './types.js';

export type TaxKey = keyof TaxBreakdown;

/** Impuesto codes: c_Impuesto (001/002/003), Retenciones 1.0 (01/02/03) and CFDI 3.2 names. */
const TAX_KEYS: Record<string, TaxKey> = {
  '001': 'isr',
  '002': 'iva',
  '003': 'ieps',
  '01': 'isr',
  '02': 'iva',
  '03': 'ieps',
  ISR: 'isr',
  IVA: 'iva',
  IEPS: 'ieps',
};

export const taxKey = (code: string | null): TaxKey | undefined =>
  code === null ? undefined : TAX_KEYS[code.trim().toUpperCase()];

/** Collects amounts per impuesto and sums them exactly at the end. Unknown codes are ignored. */
export class TaxAccumulator {
  private readonly parts: Record<TaxKey, string[]> = { isr: [], iva: [], ieps: [] };

  add(code: string | null, amount: string | null): void {
    const key = taxKey(code);
    if (key && amount !== null) this.parts[key].push(amount);
  }

  result(): TaxBreakdown {
    return {
      isr: sumDecimals(this.parts.isr),
      iva: sumDecimals(this.parts.iva),
      ieps: sumDecimals(this.parts.ieps),
    };
  }
}

export function emptyTaxes(): CfdiTaxes {
  const zero = (): TaxBreakdown => ({ isr: '0.00', iva: '0.00', ieps: '0.00' });
  return { traslados: zero(), retenciones: zero(), totalTrasladados: null, totalRetenidos: null };
}

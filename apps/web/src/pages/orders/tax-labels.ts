import type { orderLineTaxView, orderTax, orderTaxTypes } from '@boveda/contracts';
import type { z } from 'zod';

type TaxType = (typeof orderTaxTypes)[number];
export type LineTaxInput = z.input<typeof orderTax>;
type LineTaxView = z.output<typeof orderLineTaxView>;

/**
 * What the lines editor offers per line. IVA 16 % is the general rate and the default; "sin
 * impuestos" sends an empty list (not subject to tax), which is not the same as exempt.
 */
export const lineTaxChoices = ['iva16', 'iva0', 'exempt', 'none'] as const;
export type LineTaxChoice = (typeof lineTaxChoices)[number];

export const taxChoiceLabels = {
  es: { iva16: 'IVA 16 %', iva0: 'IVA 0 %', exempt: 'IVA exento', none: 'Sin impuestos' },
  en: { iva16: 'VAT 16 %', iva0: 'VAT 0 %', exempt: 'VAT exempt', none: 'No taxes' },
} satisfies Record<'es' | 'en', Record<LineTaxChoice, string>>;

/** The tax types of the contract, and how a withholding or an exemption reads. */
export const taxTypeLabels = {
  es: { IVA: 'IVA', IEPS: 'IEPS', ISR: 'ISR', withheld: 'Retención', exempt: 'exento' },
  en: { IVA: 'VAT', IEPS: 'IEPS', ISR: 'ISR', withheld: 'Withholding', exempt: 'exempt' },
} satisfies Record<'es' | 'en', Record<TaxType | 'withheld' | 'exempt', string>>;

/** The body's `taxes` for a choice, spelled out (never left to the server's default). */
export function taxesOfChoice(choice: LineTaxChoice): LineTaxInput[] {
  switch (choice) {
    case 'iva16':
      return [{ type: 'IVA', rate: '0.16', exempt: false, withheld: false }];
    case 'iva0':
      return [{ type: 'IVA', rate: '0', exempt: false, withheld: false }];
    case 'exempt':
      return [{ type: 'IVA', exempt: true, withheld: false }];
    case 'none':
      return [];
  }
}

/** "IVA 16 %", "IVA exento", "Retención ISR 10 %": one tax of a stored line. */
export function taxText(
  tax: Pick<LineTaxView, 'type' | 'rate' | 'exempt' | 'withheld'>,
  locale: 'es' | 'en',
) {
  const l = taxTypeLabels[locale];
  const name = `${tax.withheld ? `${l.withheld} ` : ''}${l[tax.type]}`;
  if (tax.exempt || tax.rate === null) return `${name} ${l.exempt}`;
  return `${name} ${percent(tax.rate)} %`;
}

/** "0.160000" → "16", "0.265" → "26.5": a rate as a percentage, exactly (no float). */
export function percent(rate: string): string {
  const [int = '0', frac = ''] = rate.split('.');
  const digits = `${int}${frac.padEnd(2, '0')}`;
  const whole = digits.slice(0, int.length + 2).replace(/^0+(?=\d)/, '');
  const rest = digits.slice(int.length + 2).replace(/0+$/, '');
  return rest ? `${whole}.${rest}` : whole;
}

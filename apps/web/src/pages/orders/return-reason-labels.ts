import type { ReturnReasonCode } from '@boveda/contracts';

/** Why goods came back, per language (typed over `returnReasonCodes`: a new code must get a label). */
export const returnReasonLabels = {
  es: {
    damaged: 'Llegó dañado',
    defective: 'Defectuoso',
    wrong_item: 'Artículo equivocado',
    not_as_described: 'No corresponde a la descripción',
    missing_parts: 'Faltan piezas',
    late_delivery: 'Entrega tardía',
    no_longer_needed: 'El cliente ya no lo necesita',
    other: 'Otro motivo',
  },
  en: {
    damaged: 'Arrived damaged',
    defective: 'Defective',
    wrong_item: 'Wrong item',
    not_as_described: 'Not as described',
    missing_parts: 'Missing parts',
    late_delivery: 'Late delivery',
    no_longer_needed: 'No longer needed',
    other: 'Other reason',
  },
} satisfies Record<'es' | 'en', Record<ReturnReasonCode, string>>;

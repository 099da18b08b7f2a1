import type { TemplateRule } from '@boveda/contracts';

/** CONNECTOR_TEMPLATE_INVALID's `params.rule`, with `value` (the filter or text at fault) and `at`. */
export type TemplateRuleText = (p: { value?: string; at?: string }) => string;

export const templateRulesEsMX = {
  not_a_path: (p) => `«${p.value ?? ''}» no es una ruta de campo (p. ej. total o emisor.rfc).`,
  not_a_filter: (p) => `«${p.value ?? ''}» no es un filtro.`,
  unknown_filter: (p) => `No existe el filtro «${p.value ?? ''}».`,
  filter_needs_argument: (p) =>
    `El filtro «${p.value ?? ''}» necesita un argumento (p. ej. ${p.value ?? ''}:"…").`,
  filter_takes_no_argument: (p) => `El filtro «${p.value ?? ''}» no lleva argumento.`,
  fixed_decimals: () => 'fixed acepta de 0 a 9 decimales.',
  unclosed_placeholder: () => 'Falta cerrar un {{ con }}.',
  too_deep: () => 'La plantilla está anidada demasiado (20 niveles como máximo).',
  each_shape: () => '$each lleva una ruta de campo y "as": {"$each": "conceptos", "as": {…}}.',
  placeholder_in_key: () => 'Los nombres de las claves no pueden llevar {{ }}.',
  not_json: () => 'No es JSON válido.',
} satisfies Record<TemplateRule, TemplateRuleText>;

/** "en total" after the rule: where in the template it broke. */
export const templateAtEsMX = (at: string) => `(en ${at})`;

/**
 * The rules of a push connector's body template (`{{ path | filter }}`), as CONNECTOR_TEMPLATE_INVALID
 * names the broken one in `params.rule` (with `params.at`, where in the template, and the
 * `filter` or `value` at fault), so the web says it in the person's language.
 */
export const templateRuleCodes = [
  'not_a_path',
  'not_a_filter',
  'unknown_filter',
  'filter_needs_argument',
  'filter_takes_no_argument',
  'fixed_decimals',
  'unclosed_placeholder',
  'too_deep',
  'each_shape',
  'placeholder_in_key',
  'not_json',
] as const;
export type TemplateRule = (typeof templateRuleCodes)[number];

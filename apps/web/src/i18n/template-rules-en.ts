import type { TemplateRule } from '@boveda/contracts';
import type { TemplateRuleText } from './template-rules-es-MX.js';

export const templateRulesEn: Record<TemplateRule, TemplateRuleText> = {
  not_a_path: (p) => `"${p.value ?? ''}" is not a field path (e.g. total or emisor.rfc).`,
  not_a_filter: (p) => `"${p.value ?? ''}" is not a filter.`,
  unknown_filter: (p) => `There is no filter "${p.value ?? ''}".`,
  filter_needs_argument: (p) =>
    `The filter "${p.value ?? ''}" needs an argument (e.g. ${p.value ?? ''}:"…").`,
  filter_takes_no_argument: (p) => `The filter "${p.value ?? ''}" takes no argument.`,
  fixed_decimals: () => 'fixed takes 0 to 9 decimals.',
  unclosed_placeholder: () => 'A {{ is not closed with }}.',
  too_deep: () => 'The template is nested too deep (20 levels at most).',
  each_shape: () => '$each takes a field path and "as": {"$each": "conceptos", "as": {…}}.',
  placeholder_in_key: () => 'Key names cannot hold {{ }}.',
  not_json: () => 'It is not valid JSON.',
};

export const templateAtEn = (at: string) => `(at ${at})`;

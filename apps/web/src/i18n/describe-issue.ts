import type { ValidationIssue } from '@boveda/contracts';
import type { Messages } from './es-MX.js';
import { lookup } from './lookup.js';

/** Where a field error points, without where it travelled (`body.`, `querystring.`…). */
export const fieldPathOf = (path: string) => path.replace(/^(body|querystring|params|headers)(\.|$)/, '');

/**
 * The field's name as a person knows it: the last named segment of the path (`lines.0.sku` → SKU)
 * from the table of common fields, else the path itself.
 */
export function fieldLabel(path: string, t: Messages): string {
  const bare = fieldPathOf(path);
  const last = bare
    .split('.')
    .filter((s) => s && !/^\d+$/.test(s))
    .at(-1);
  return (last && lookup(t.validation.fields, last)) || bare;
}

/**
 * The rule a field broke, in the person's language, from its code and params. A code this web
 * does not know yet (a newer server) reads as "not valid" rather than the server's English.
 */
export function issueText(issue: Pick<ValidationIssue, 'code' | 'params' | 'message'>, t: Messages): string {
  // The invoice rules are already written in Spanish for the contador, with the values in them.
  if (issue.code === 'invoice_rule') return issue.message;
  const text = lookup(t.validation.issues, issue.code) ?? t.validation.issues.invalid;
  return text(issue.params ?? {});
}

/** "RFC: no es un RFC válido (…)" */
export function describeIssue(issue: ValidationIssue, t: Messages): string {
  const label = fieldLabel(issue.path, t);
  const text = issueText(issue, t);
  return label ? `${label}: ${text}` : text;
}

/** The rule as a sentence, for a form that shows it under its field ("No es un RFC válido (…)."). */
export function issueSentence(
  issue: Pick<ValidationIssue, 'code' | 'params' | 'message'>,
  t: Messages,
): string {
  return asSentence(issueText(issue, t));
}

/** "no es válido" → "No es válido." */
export function asSentence(text: string): string {
  const sentence = text.charAt(0).toUpperCase() + text.slice(1);
  return /[.!?]$/.test(sentence) ? sentence : `${sentence}.`;
}

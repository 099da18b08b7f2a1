import type { ValidationIssue } from '@boveda/contracts';
import { ApiError } from '../../api/errors.js';
import { asSentence, fieldPathOf, issueSentence } from '../../i18n/describe-issue.js';
import type { Messages } from '../../i18n/es-MX.js';
import { lookup } from '../../i18n/lookup.js';
import type { DraftProblem, FieldErrors } from './connector-draft.js';

/**
 * The contract's own refine messages (rules zod reports as `invalid` or a bare pattern) in Spanish;
 * every other entry is said from its code and params.
 */
const knownMessages: [RegExp, string][] = [
  [/path starting with \//, 'Una ruta que empiece con /, sin espacios ni #.'],
  [/dotted path/, 'Una ruta con puntos, p. ej. data.id.'],
  [/lower-case letters/, 'Solo minúsculas, dígitos, - o _ (empieza con letra).'],
  [/header name/, 'Un nombre de encabezado válido, p. ej. X-Api-Key.'],
  [/names must differ/, 'Cada recurso necesita un nombre distinto.'],
  [/^required/, 'Obligatorio.'],
];

/** The secret's place in `auth` depends on the method; the form has one secret field. */
const secretPaths = new Set(['auth.key', 'auth.token', 'auth.password', 'auth.clientSecret']);

function translate(issue: ValidationIssue, t: Messages): string {
  const own = issue.code === 'invalid' || issue.code === 'invalid_format' || issue.code === 'required';
  // The contract writes these rules in English: an English reader gets them as written.
  if (own && t.validation.showServerDetail) return asSentence(issue.message);
  const known = own ? knownMessages.find(([re]) => re.test(issue.message)) : undefined;
  return known ? known[1] : issueSentence(issue, t);
}

/**
 * A refused save as errors next to the fields: `errors[]` of a VALIDATION_FAILED answer by their
 * path (`body.pull.resources.0.name` → `pull.resources.0.name`), and the connector's own codes on the
 * field they are about. What has no field stays in the form's alert.
 */
export function fieldErrorsOf(error: unknown, t: Messages): FieldErrors {
  if (!(error instanceof ApiError)) return {};
  const { problem } = error;
  const out: FieldErrors = {};
  for (const e of problem.errors ?? []) {
    const path = fieldPathOf(e.path);
    const key = secretPaths.has(path) ? 'auth.secret' : path;
    if (key && !out[key]) out[key] = translate(e, t);
  }
  const text = t.errors.codes[problem.code as keyof typeof t.errors.codes];
  const tokenUrl = /token/i.test(problem.detail ?? '');
  switch (problem.code) {
    case 'CONNECTOR_URL_INVALID':
    case 'CONNECTOR_URL_BLOCKED':
      out[tokenUrl ? 'auth.tokenUrl' : 'baseUrl'] = text;
      break;
    case 'CONNECTOR_SECRET_REQUIRED':
      out['auth.secret'] = text;
      break;
    case 'CONNECTOR_SCHEDULE_INVALID':
      out['schedule.cron'] = text;
      break;
    case 'CONNECTOR_TEMPLATE_INVALID':
      out['push.body'] = [text, templateRuleText(problem.params, t)].filter(Boolean).join(' ');
      break;
  }
  return out;
}

/** The template rule the server named (`params.rule`, `value`, `at`), in the person's language. */
function templateRuleText(params: Record<string, unknown> | undefined, t: Messages): string | undefined {
  const rule = typeof params?.rule === 'string' ? lookup(t.connectors.templateRules, params.rule) : undefined;
  if (!rule) return undefined;
  const value = typeof params?.value === 'string' ? params.value : undefined;
  const at = typeof params?.at === 'string' ? params.at : undefined;
  return [rule({ value, at }), at ? t.connectors.templateAt(at) : ''].filter(Boolean).join(' ');
}

/** What the form itself found before sending. */
export function draftErrorsOf(problems: Record<string, DraftProblem>, t: Messages): FieldErrors {
  const m = t.connectors;
  const text = {
    required: m.required,
    number: m.numberInvalid,
    json: m.bodyInvalid,
    secret: m.secretRequired,
  };
  return Object.fromEntries(Object.entries(problems).map(([path, p]) => [path, text[p]]));
}

import { PASSWORD_MIN_LENGTH, passwordProblem } from '@boveda/contracts';
import type { Messages } from './es-MX.js';

/**
 * The password rule the server applies (`passwordProblem` in @boveda/contracts), checked before
 * sending: the text of the rule the password breaks, or undefined when it is acceptable.
 */
export function passwordRuleText(password: string, t: Messages): string | undefined {
  const problem = passwordProblem(password);
  return problem ? t.validation.passwordRules[problem.rule](problem) : undefined;
}

/** The hint under a new-password field, from the same numbers. */
export const passwordHint = (t: Messages) => t.validation.passwordHint(PASSWORD_MIN_LENGTH);

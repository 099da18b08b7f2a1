import { passwordProblem } from '@boveda/contracts';
import { tenantErrors } from './tenants.errors.js';

/**
 * Refuses a password that breaks the shared rule (`passwordProblem` in @boveda/contracts) with
 * WEAK_PASSWORD, naming the rule and its numbers in `params` so the web shows it in Spanish.
 */
export function assertStrongPassword(password: string): void {
  const problem = passwordProblem(password);
  if (problem)
    throw tenantErrors('WEAK_PASSWORD', `Use at least ${problem.minLength} characters.`, { params: problem });
}

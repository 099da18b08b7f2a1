/**
 * The password rules sign-up, invitation acceptance, change and reset apply, in one place: the
 * server refuses with WEAK_PASSWORD and `params: { rule, minLength }`, and the web checks the same
 * rule before sending and shows its hint from the same numbers.
 */
// 10 characters: long enough against online guessing with the rate limits in front of sign-in,
// short enough for a passphrase a contador types daily; no composition rules (NIST SP 800-63B).
export const PASSWORD_MIN_LENGTH = 10;
/** The schema's cap (`newPassword` in api/people.ts): hashing has a cost per byte. */
export const PASSWORD_MAX_LENGTH = 1024;

/** Which rule a password broke; the web shows its text by this code (`params.rule`). */
export const passwordRuleCodes = ['too_short'] as const;
export type PasswordRule = (typeof passwordRuleCodes)[number];

/** The first rule the password breaks, with the values its text names; null when it is acceptable. */
export function passwordProblem(password: string): { rule: PasswordRule; minLength: number } | null {
  return password.length < PASSWORD_MIN_LENGTH ? { rule: 'too_short', minLength: PASSWORD_MIN_LENGTH } : null;
}

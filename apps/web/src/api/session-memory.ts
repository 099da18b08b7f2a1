/**
 * Whether this browser had a session, so "Tu sesión terminó" is said only to someone whose session
 * ended, not to a first visit or a shared link opened signed out. Set when the app sees a signed-in
 * person, cleared on sign-out and once the expiry has been said.
 */
const KEY = 'boveda.hadSession';

function storage(): Storage | undefined {
  try {
    return globalThis.localStorage ?? undefined;
  } catch {
    return undefined; // Storage disabled: never claim an expiry.
  }
}

export function rememberSession(): void {
  storage()?.setItem(KEY, '1');
}

export function forgetSession(): void {
  storage()?.removeItem(KEY);
}

/** True once after a session this browser had ended; forgets it. */
export function sessionJustEnded(): boolean {
  const had = storage()?.getItem(KEY) === '1';
  forgetSession();
  return had;
}

// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { SIGN_IN_PATH } from '../paths.js';
import { signInRedirect } from './ApiProvider.js';
import { forgetSession, rememberSession } from './session-memory.js';

describe('where a 401 sends the browser', () => {
  afterEach(() => {
    forgetSession();
    window.history.replaceState(null, '', '/');
  });

  it('a first visit or a shared link opened signed out: the sign-in form, without "your session ended"', () => {
    expect(signInRedirect()).toBe(SIGN_IN_PATH);
    window.history.replaceState(null, '', '/cfdi?rfc=EKU9003173C9');
    expect(signInRedirect()).toBe(
      `${SIGN_IN_PATH}?siguiente=${encodeURIComponent('/cfdi?rfc=EKU9003173C9')}`,
    );
  });

  it('a session this browser had: says it ended, once, and comes back to the page', () => {
    rememberSession();
    window.history.replaceState(null, '', '/cfdi');
    expect(signInRedirect()).toBe(`${SIGN_IN_PATH}?expirada=1&siguiente=%2Fcfdi`);
    expect(signInRedirect()).toBe(`${SIGN_IN_PATH}?siguiente=%2Fcfdi`);
  });
});

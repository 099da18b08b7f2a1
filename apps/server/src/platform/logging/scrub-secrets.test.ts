import { describe, expect, it } from 'vitest';
import { scrubSecrets } from './scrub-secrets.js';

describe('scrubSecrets', () => {
  it.each([
    ['api key', 'key bov_live_Ab3dEf6hIj9kLmN0pQ used', 'bov_live_Ab3dEf6hIj9kLmN0pQ'],
    ['signing secret', 'with bsk_q1W2e3R4t5Y6u7I8o9P0-_aSdFgHjKl in it', 'q1W2e3R4t5Y6u7I8o9P0'],
    ['bearer', 'Authorization: Bearer abc.DEF-123_xyz', 'abc.DEF-123_xyz'],
    ['WRAP token', 'Authorization: WRAP access_token="eyJhbGciOi.payload%26wrap_subject%3d3030"', 'payload'],
    ['jwt', 'token eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjMifQ.c2lnbmF0dXJl here', 'c2lnbmF0dXJl'],
    ['url password', 'connect postgres://boveda:Sup3rS3cret@db:5432/x', 'Sup3rS3cret'],
    ['query token', 'GET /hook?access_token=qwerty123&x=1', 'qwerty123'],
    ['cookie header', 'cookie: boveda_session=s3ss10n; theme=dark', 's3ss10n'],
    ['session cookie', 'set boveda_session=s3ss10nv4lue;', 's3ss10nv4lue'],
    ['password pair', 'login failed password=hunter2hunter2', 'hunter2hunter2'],
    ['json text', '{"password": "hunter2hunter2"}', 'hunter2hunter2'],
    [
      'base64 32 bytes',
      'key is 3q2+7wAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA= ok',
      '3q2+7wAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=',
    ],
    [
      'unterminated pem',
      'bad: -----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEAzzzzzzzz\nQQQQ',
      'MIIEowIBAAKCAQEAzzzzzzzz',
    ],
  ])('removes a %s', (_name, text, secret) => {
    const out = scrubSecrets(text);
    expect(out).not.toContain(secret);
    expect(out).toContain('[redacted');
  });

  it('keeps ordinary text, ids and digests readable', () => {
    const text =
      'CFDI 11111111-2222-3333-4444-000000000001 stored, sha256 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08, token expired, 812 tokens';
    expect(scrubSecrets(text)).toBe(text);
  });
});

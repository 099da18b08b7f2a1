import { describe, expect, it } from 'vitest';
import { createOutboundClient } from '../../platform/outbound/index.js';
import { checkEndpointUrl } from './endpoint-url.js';

const outbound = createOutboundClient({
  allowPrivate: false,
  allowedHosts: ['127.0.0.1:4040'],
  timeoutMs: 1000,
  maxBytes: 1024,
  userAgent: 'test',
});
const code = (p: Promise<unknown>) =>
  p.then(
    () => 'ok',
    (e: { code?: string }) => e.code,
  );

describe('endpoint URL rules', () => {
  it('requires https when the operator says so', async () => {
    expect(await code(checkEndpointUrl('http://127.0.0.1:4040/hook', { outbound, requireHttps: true }))).toBe(
      'WEBHOOK_URL_NOT_HTTPS',
    );
    expect(
      await code(checkEndpointUrl('http://127.0.0.1:4040/hook', { outbound, requireHttps: false })),
    ).toBe('ok');
  });

  it('refuses other schemes, credentials and fragments', async () => {
    for (const url of [
      'file:///etc/passwd',
      'gopher://x',
      'https://u:p@example.com/',
      'https://example.com/#x',
      '/relative',
    ])
      expect(await code(checkEndpointUrl(url, { outbound, requireHttps: false })), url).toBe(
        'WEBHOOK_URL_INVALID',
      );
  });

  it('refuses private, loopback and metadata addresses the operator has not allowed, in any spelling', async () => {
    for (const url of [
      'http://127.0.0.1:4041/',
      'http://2130706433/',
      'http://0x7f.1/',
      'http://192.168.1.10/',
      'http://169.254.169.254/',
      'http://[fd00::1]/',
      'http://[::ffff:10.0.0.1]/',
    ])
      expect(await code(checkEndpointUrl(url, { outbound, requireHttps: false })), url).toBe(
        'WEBHOOK_URL_BLOCKED',
      );
  });

  it('normalises what it stores', async () => {
    expect(await checkEndpointUrl('HTTP://127.0.0.1:4040/a/../hook', { outbound, requireHttps: false })).toBe(
      'http://127.0.0.1:4040/hook',
    );
  });
});

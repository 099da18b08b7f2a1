import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from './logger.js';
import { formatLine, prettyDestination } from './pretty-destination.js';

describe('readable log lines for a terminal', () => {
  it('shows time, level, message, the request in short and the other fields as key=value', () => {
    const line = JSON.stringify({
      level: 20,
      time: Date.UTC(2026, 0, 1, 12, 3, 4),
      pid: 1,
      hostname: 'h',
      reqId: 'abc',
      req: { method: 'GET', url: '/api/v1/cfdi?q=x', host: 'h' },
      res: { statusCode: 200 },
      responseTime: 3.24,
      msg: 'request completed',
    });
    const out = formatLine(line);
    expect(out).toMatch(
      /^\d{2}:\d{2}:\d{2} {2}DEBUG {2}request completed {2}GET \/api\/v1\/cfdi\?q=x {2}200 {2}3\.2 ms {2}reqId=abc$/,
    );
    expect(out).not.toContain('hostname');
    expect(formatLine('not json')).toBe('not json');
  });

  it('prints an error with its stack under the line, and quotes values with spaces', () => {
    const out = formatLine(
      JSON.stringify({
        level: 50,
        time: 0,
        msg: 'job failed',
        job: 'sat verify',
        err: { stack: 'Error: boom\n    at x' },
      }),
    );
    expect(out.split('\n')).toEqual([
      expect.stringMatching(/ERROR {2}job failed {2}job="sat verify"$/),
      '  Error: boom',
      '      at x',
    ]);
  });

  it('keeps secrets out: lines are scrubbed before they are made readable', async () => {
    const target = new PassThrough();
    const chunks: string[] = [];
    target.on('data', (c) => chunks.push(String(c)));
    const log = createLogger({ level: 'info', destination: prettyDestination(target) });
    log.info(
      { password: 'hunter2-secret', rfc: 'EKU9003173C9' },
      'signed in with Bearer bov_key_abcdefghijklmnop',
    );
    await new Promise((r) => setImmediate(r));
    const text = chunks.join('');
    expect(text).toContain('INFO');
    expect(text).toContain('rfc=EKU9003173C9');
    expect(text).not.toContain('hunter2-secret');
    expect(text).not.toContain('bov_key_abcdefghijklmnop');
  });
});

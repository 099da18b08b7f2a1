import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { call } from './support/client.js';

const BIN = fileURLToPath(new URL('../bin/boveda-facturify-sim.mjs', import.meta.url));
let child: ChildProcess | undefined;

afterEach(async () => {
  if (child && child.exitCode === null) {
    child.kill('SIGTERM');
    await once(child, 'exit');
  }
  child = undefined;
});

function launch(args: string[]) {
  child = spawn(process.execPath, [BIN, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  return child;
}

async function firstLine(proc: ChildProcess): Promise<string> {
  let text = '';
  for await (const chunk of proc.stdout!) {
    text += String(chunk);
    if (text.includes('\n')) return text.split('\n')[0]!;
  }
  throw new Error('no output');
}

describe('boveda-facturify-sim CLI', () => {
  it('prints the base URL, accepts its credentials, and stops on SIGTERM', async () => {
    const proc = launch([
      '--port',
      '0',
      '--api-key',
      'k',
      '--api-secret',
      's',
      '--expires-in-unit',
      'seconds',
    ]);
    const url = await firstLine(proc);
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(
      (await call(url, '/api/v1/auth', { json: { api_key: 'demo-api-key', api_secret: 's' } })).status,
    ).toBe(401);
    const auth = await call(url, '/api/v1/auth', { json: { api_key: 'k', api_secret: 's' } });
    expect(auth.body.jwt.expires_in).toBe(14_400);
    expect((await call(url, '/__admin/calls')).body.auth).toBe(2);
    proc.kill('SIGTERM');
    const [code] = await once(proc, 'exit');
    expect(code).toBe(0);
  });

  it('exits 2 with the usage on a bad option', async () => {
    for (const args of [['--stamping', 'later'], ['--token-ttl', '-1'], ['--what']]) {
      const proc = launch(['--port', '0', ...args]);
      let stderr = '';
      proc.stderr!.on('data', (chunk) => {
        stderr += String(chunk);
      });
      const [code] = await once(proc, 'exit');
      expect(code).toBe(2);
      expect(stderr).toContain('usage: boveda-facturify-sim');
    }
  });
});

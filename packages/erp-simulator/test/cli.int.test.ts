import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { call } from './support/client.js';

const BIN = fileURLToPath(new URL('../bin/boveda-erp-sim.mjs', import.meta.url));
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
  throw new Error(`no output; stderr: ${proc.stderr?.read()?.toString() ?? ''}`);
}

describe('boveda-erp-sim CLI', () => {
  it('prints the base URL, serves a page with the configured auth, and stops on SIGTERM', async () => {
    const proc = launch([
      '--port',
      '0',
      '--seed',
      'cli',
      '--customers',
      '12',
      '--auth',
      'api-key',
      '--api-key',
      'k',
    ]);
    const url = await firstLine(proc);
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect((await call(url, '/api/customers?per_page=5')).status).toBe(401);
    const page = await call(url, '/api/customers?per_page=5&page=3', { headers: { 'X-Api-Key': 'k' } });
    expect(page.body).toMatchObject({ total: 12, total_pages: 3 });
    expect(page.body.data).toHaveLength(2);
    expect((await call(url, '/__admin/state')).body).toMatchObject({ seed: 'cli', auth: 'api-key' });
    proc.kill('SIGTERM');
    const [code] = await once(proc, 'exit');
    expect(code).toBe(0);
  }, 20_000);

  it('exits 2 with usage on a bad option', async () => {
    const proc = launch(['--auth', 'kerberos', '--port', '0']);
    let stderr = '';
    proc.stderr!.on('data', (chunk) => {
      stderr += String(chunk);
    });
    const [code] = await once(proc, 'exit');
    expect(code).toBe(2);
    expect(stderr).toContain('usage: boveda-erp-sim');
  }, 20_000);
});

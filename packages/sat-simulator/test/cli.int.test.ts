import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { httpCall } from './support/http.js';

const BIN = fileURLToPath(new URL('../bin/boveda-sat-sim.mjs', import.meta.url));
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

describe('boveda-sat-sim CLI', () => {
  it('prints the base URL and serves the admin API and the SOAP paths', async () => {
    const url = await firstLine(launch(['--port', '0', '--seed', 'cli']));
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const clock = await httpCall(`${url}/__admin/clock`);
    expect(clock.status).toBe(200);
    expect(JSON.parse(clock.body)).toHaveProperty('now');
    const get = await httpCall(`${url}/SolicitaDescargaService.svc`);
    expect(get.status).toBe(405);
  }, 20_000);

  it('serves HTTPS with --https', async () => {
    const url = await firstLine(launch(['--https', '--strict']));
    expect(url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
  }, 20_000);

  it('exits 2 with usage on a bad --port', async () => {
    const proc = launch(['--port', 'abc']);
    let stderr = '';
    proc.stderr!.on('data', (chunk) => {
      stderr += String(chunk);
    });
    const [code] = await once(proc, 'exit');
    expect(code).toBe(2);
    expect(stderr).toContain('usage: boveda-sat-sim');
  }, 20_000);
});

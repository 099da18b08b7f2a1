import { type ChildProcess, execFile, spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { findFreePort } from '../../src/platform/db/free-port.js';

export const bovedaBin = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../bin/boveda.mjs');

/** The environment of a child Bóveda: embedded PostgreSQL (no DATABASE_URL), quiet logs, SAT test CA trusted. */
export function childEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  // The SAT's test e.firma is registered by these tests, as demo mode does.
  const env: NodeJS.ProcessEnv = { ...process.env, LOG_LEVEL: 'warn', SAT_TRUST_TEST_CA: 'true', ...extra };
  delete env.DATABASE_URL;
  delete env.REDIS_URL;
  return env;
}

export function runCli(
  args: string[],
  env: NodeJS.ProcessEnv,
  input?: string,
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = execFile(
      process.execPath,
      [bovedaBin, ...args],
      { env, timeout: 120_000 },
      (err, stdout, stderr) =>
        resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
    if (input !== undefined) child.stdin?.end(input);
  });
}

/** `boveda start` in its own process group, so a test can SIGKILL the whole tree. */
export function spawnServer(env: NodeJS.ProcessEnv, command = 'start'): ChildProcess {
  return spawn(process.execPath, [bovedaBin, command], { env, detached: true, stdio: 'ignore' });
}

export async function waitForHttp(url: string, timeoutMs = 90_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${url} did not answer within ${timeoutMs} ms`);
}

/**
 * `boveda api` and `boveda worker` processes on one database (and Redis), as behind a load
 * balancer. They start one after the other: the first creates the shared master key file.
 */
export async function spawnProcesses(
  env: NodeJS.ProcessEnv,
  roles: readonly ('api' | 'worker')[],
): Promise<{ children: ChildProcess[]; apis: string[] }> {
  const children: ChildProcess[] = [];
  const apis: string[] = [];
  for (const role of roles) {
    const port = await findFreePort();
    children.push(spawnServer({ ...env, PORT: String(port) }, role));
    if (role === 'api') {
      apis.push(`http://127.0.0.1:${port}`);
      await waitForHttp(`http://127.0.0.1:${port}/health`);
    }
  }
  return { children, apis };
}

/** SIGTERM to each process group still running, waiting for each to exit. */
export async function stopProcesses(children: ChildProcess[]): Promise<void> {
  for (const c of children) {
    if (c.exitCode === null && c.signalCode === null) {
      process.kill(-c.pid!, 'SIGTERM');
      await new Promise((r) => c.once('exit', r));
    }
  }
}

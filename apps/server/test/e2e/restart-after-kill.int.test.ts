import { chmod, mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { findFreePort } from '../../src/platform/db/free-port.js';
import { isProcessAlive, readPostmasterPid, waitForExit } from '../../src/platform/db/process-alive.js';
import { childEnv, runCli, spawnServer, waitForHttp } from '../support/cli-process.js';

/**
 * The acceptance path of a self-hoster: `boveda start` on the embedded PostgreSQL, the CLI next
 * to it, then SIGKILL — of the Node process alone (its PostgreSQL survives as an orphan) and of
 * the whole tree — and a restart that comes back by itself with the same data.
 */
describe('boveda start survives kill -9', () => {
  const cleanup: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const fn of cleanup.reverse()) await fn().catch(() => {});
  });

  it('restarts with the same data after the node process or the whole tree is killed', async () => {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'boveda-kill-'));
    await chmod(dataDir, 0o755);
    const port = await findFreePort();
    const env = childEnv({ BOVEDA_DATA_DIR: dataDir, PORT: String(port) });
    const base = `http://127.0.0.1:${port}`;
    let server = spawnServer(env);
    cleanup.push(async () => {
      if (server.pid && isProcessAlive(server.pid)) process.kill(-server.pid, 'SIGTERM');
      const pg = readPostmasterPid(path.join(dataDir, 'postgres'));
      if (pg && isProcessAlive(pg)) process.kill(pg, 'SIGINT');
      if (pg) await waitForExit(pg, 15_000);
      await rm(dataDir, { recursive: true, force: true });
    });
    await waitForHttp(`${base}/health`);

    // The CLI shares the running server's embedded PostgreSQL.
    expect((await runCli(['tenant', 'create', 'Despacho Kill', '--slug', 'kill'], env)).code).toBe(0);
    const created = await runCli(['apikey', 'create', '--tenant', 'kill', '--role', 'admin', '--json'], env);
    expect(created.code).toBe(0);
    const { key } = JSON.parse(created.stdout) as { id: string; key: string };
    const me = () => fetch(`${base}/api/v1/me`, { headers: { authorization: `Bearer ${key}` } });
    expect((await me()).status).toBe(200);
    expect((await readFile(path.join(dataDir, 'master.key'))).length).toBeGreaterThan(0);

    // 1. Only Node dies: its PostgreSQL is left running without an owner.
    const orphan = readPostmasterPid(path.join(dataDir, 'postgres'))!;
    process.kill(server.pid!, 'SIGKILL');
    await waitForExit(server.pid!, 10_000);
    expect(isProcessAlive(orphan)).toBe(true);
    server = spawnServer(env);
    await waitForHttp(`${base}/health`);
    expect(isProcessAlive(orphan)).toBe(false);
    expect((await me()).status).toBe(200);

    // 2. The whole process tree dies (PostgreSQL too, mid-flight): crash recovery on restart.
    process.kill(-server.pid!, 'SIGKILL');
    await waitForExit(server.pid!, 10_000);
    server = spawnServer(env);
    await waitForHttp(`${base}/health`);
    expect((await me()).status).toBe(200);
    expect((await fetch(`${base}/ready`)).status).toBe(200);
  });
});

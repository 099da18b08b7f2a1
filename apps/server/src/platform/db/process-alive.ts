import { readFileSync } from 'node:fs';

export function isProcessAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: it exists but belongs to another user (e.g. the postgres user when we run as root).
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Reads the PID of the postmaster that owns a data directory, if a postmaster.pid is there. */
export function readPostmasterPid(pgDataDir: string): number | undefined {
  try {
    const first = readFileSync(`${pgDataDir}/postmaster.pid`, 'utf8').split('\n')[0];
    const pid = Number(first);
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

export async function waitForExit(pid: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!isProcessAlive(pid)) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return !isProcessAlive(pid);
}

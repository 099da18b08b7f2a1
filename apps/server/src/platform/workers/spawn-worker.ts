import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { type ResourceLimits, Worker } from 'node:worker_threads';

/**
 * Where a worker's entry module lives, named from the caller's own `import.meta.url`:
 * `workerEntry(import.meta.url, 'parse-worker')` is `./parse-worker.ts` beside the caller when the
 * server runs its TypeScript sources, `./parse-worker.js` in a compiled deployment.
 */
export function workerEntry(callerUrl: string, name: string): URL {
  const ext = callerUrl.endsWith('.ts') ? '.ts' : '.js';
  return new URL(`./${name}${ext}`, callerUrl);
}

/**
 * Starts a worker thread on `entry` (see `workerEntry`). Built JavaScript starts directly. The
 * server normally runs its TypeScript sources through tsx, whose loader is registered on the main
 * thread only; there each entry is bundled once per process with esbuild (dependencies stay
 * external) into a content-addressed `.mjs` under apps/server/node_modules/.cache, and the worker
 * loads that one plain file. A worker that registered tsx itself cost ~20 MB more RSS (its loader
 * and per-module transforms): two CFDI parse workers on the 200k-CFDI bench peaked at 388–395 MB
 * that way, 351 MB bundled. If bundling is not possible (read-only install, esbuild missing) the
 * worker registers tsx itself.
 */
export async function spawnWorker(
  entry: URL,
  workerData: unknown,
  resourceLimits?: ResourceLimits,
): Promise<Worker> {
  const options = { workerData, ...(resourceLimits ? { resourceLimits } : {}) };
  if (!entry.pathname.endsWith('.ts')) return new Worker(entry, options);
  const bundled = await bundleOnce(entry);
  if (bundled) return new Worker(bundled, options);
  return new Worker(tsxBoot(entry), { eval: true, ...options });
}

const bundles = new Map<string, Promise<URL | null>>();

function bundleOnce(entry: URL): Promise<URL | null> {
  let bundle = bundles.get(entry.href);
  if (!bundle) {
    bundle = bundle_(entry).catch(() => null);
    bundles.set(entry.href, bundle);
  }
  return bundle;
}

// apps/server/node_modules/.cache: Node resolves the bundle's external imports (pg…) from there up.
const CACHE_DIR = new URL('../../../node_modules/.cache/boveda-workers/', import.meta.url);

async function bundle_(entry: URL): Promise<URL> {
  const esbuild = await import('esbuild');
  const source = fileURLToPath(entry);
  const result = await esbuild.build({
    entryPoints: [source],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    // Dependencies stay external (loaded from node_modules at run time), except our own workspace
    // packages (@boveda/contracts): they are TypeScript sources that plain Node cannot load.
    plugins: [
      {
        name: 'external-dependencies',
        setup(build) {
          build.onResolve({ filter: /^[^./]/ }, (args) =>
            args.path.startsWith('@boveda/') ? undefined : { path: args.path, external: true },
          );
        },
      },
    ],
    write: false,
    logLevel: 'silent',
  });
  const code = result.outputFiles[0]!.contents;
  const hash = createHash('sha256').update(code).digest('hex').slice(0, 16);
  const name = path.basename(source, '.ts');
  const dir = fileURLToPath(CACHE_DIR);
  const file = `${dir}${name}-${hash}.mjs`;
  const exists = await stat(file).then(
    () => true,
    () => false,
  );
  if (!exists) {
    await mkdir(dir, { recursive: true });
    // Another process or thread may write the same file at the same time: write aside, then rename.
    const temp = `${file}.${randomBytes(6).toString('hex')}.tmp`;
    await writeFile(temp, code);
    await rename(temp, file);
    await removeStale(dir, name, file);
  }
  return pathToFileURL(file);
}

/** Bundles of this entry from older sources (best effort). */
async function removeStale(dir: string, name: string, keep: string): Promise<void> {
  const stale = new RegExp(`^${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}-[0-9a-f]{16}\\.mjs$`);
  for (const file of await readdir(dir).catch(() => [])) {
    if (stale.test(file) && `${dir}${file}` !== keep)
      await rm(`${dir}${file}`, { force: true }).catch(() => {});
  }
}

function tsxBoot(entry: URL): string {
  const tsxApi = pathToFileURL(
    createRequire(import.meta.url)
      .resolve('tsx/esm/api')
      .replace(/\.cjs$/, '.mjs'),
  ).href;
  return `import(${JSON.stringify(tsxApi)}).then((m) => { m.register(); return import(${JSON.stringify(entry.href)}); });`;
}

import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';

export type WorkerEntry = 'parse-worker' | 'metadata-worker';

export interface WorkerLimits {
  maxOldGenerationSizeMb: number;
  maxYoungGenerationSizeMb: number;
}

/**
 * Starts an ingestion worker thread. Built JavaScript (a compiled deployment) starts its `.js`
 * entry directly. The server normally runs its TypeScript sources through tsx, whose loader is
 * registered on the main thread only; there each entry is bundled once per process with esbuild
 * (dependencies stay external) into a content-addressed `.mjs` under the package's
 * node_modules/.cache, and the worker loads that one plain file. A worker that registered tsx
 * itself cost ~20 MB more RSS (its loader and per-module transforms): two parse workers on the
 * 200k-CFDI bench peaked at 388–395 MB that way, 351 MB bundled. If bundling is not possible
 * (read-only install, esbuild missing) the worker registers tsx itself, as before.
 */
export async function spawnWorker(
  entry: WorkerEntry,
  workerData: unknown,
  resourceLimits: WorkerLimits,
): Promise<Worker> {
  const self = import.meta.url;
  if (!self.endsWith('.ts'))
    return new Worker(new URL(`./${entry}.js`, self), { workerData, resourceLimits });
  const bundled = await bundleOnce(entry);
  if (bundled) return new Worker(bundled, { workerData, resourceLimits });
  return new Worker(tsxBoot(entry), { eval: true, workerData, resourceLimits });
}

const bundles = new Map<WorkerEntry, Promise<URL | null>>();

function bundleOnce(entry: WorkerEntry): Promise<URL | null> {
  let bundle = bundles.get(entry);
  if (!bundle) {
    bundle = bundle_(entry).catch(() => null);
    bundles.set(entry, bundle);
  }
  return bundle;
}

// apps/server/node_modules/.cache: Node resolves the bundle's external imports (pg…) from there up.
const CACHE_DIR = new URL('../../../../node_modules/.cache/boveda-workers/', import.meta.url);

async function bundle_(entry: WorkerEntry): Promise<URL> {
  const esbuild = await import('esbuild');
  const result = await esbuild.build({
    entryPoints: [fileURLToPath(new URL(`./${entry}.ts`, import.meta.url))],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    write: false,
    logLevel: 'silent',
  });
  const code = result.outputFiles[0]!.contents;
  const hash = createHash('sha256').update(code).digest('hex').slice(0, 16);
  const dir = fileURLToPath(CACHE_DIR);
  const file = `${dir}${entry}-${hash}.mjs`;
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
    await removeStale(dir, entry, file);
  }
  return pathToFileURL(file);
}

/** Bundles of this entry from older sources (best effort). */
async function removeStale(dir: string, entry: WorkerEntry, keep: string): Promise<void> {
  for (const name of await readdir(dir).catch(() => [])) {
    if (name.startsWith(`${entry}-`) && name.endsWith('.mjs') && `${dir}${name}` !== keep)
      await rm(`${dir}${name}`, { force: true }).catch(() => {});
  }
}

function tsxBoot(entry: WorkerEntry): string {
  const tsxApi = pathToFileURL(
    createRequire(import.meta.url)
      .resolve('tsx/esm/api')
      .replace(/\.cjs$/, '.mjs'),
  ).href;
  const url = new URL(`./${entry}.ts`, import.meta.url).href;
  return `import(${JSON.stringify(tsxApi)}).then((m) => { m.register(); return import(${JSON.stringify(url)}); });`;
}

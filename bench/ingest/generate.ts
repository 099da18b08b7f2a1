/**
 * Child process of run.ts: writes the simulator packages into a file object store, so the
 * generator's memory never counts in the ingestion's peak RSS.
 *
 *   node --import tsx bench/ingest/generate.ts <objectsDir> <cfdiKey> <cfdiCount> <metadataKey> <metadataRows>
 */
import { createFsObjectStore } from '../../apps/server/src/platform/storage/index.js';
import { createUniverse } from '../../packages/sat-simulator/src/universe/index.js';
import { BENCH_FILTER, BENCH_RFC, BENCH_SEED } from './universe-filter.js';

const [rootDir, cfdiKey, cfdiArg, metadataKey, metadataArg] = process.argv.slice(2);
const cfdiCount = Number(cfdiArg);
const metadataRows = Number(metadataArg);
if (!rootDir || !cfdiKey || !metadataKey || !(cfdiCount >= 0) || !(metadataRows >= 0)) {
  throw new Error('usage: generate.ts <objectsDir> <cfdiKey> <cfdiCount> <metadataKey> <metadataRows>');
}

// One month of one RFC holds max(cfdi, metadata) documents: the CFDI package is its first n
// documents and the metadata file covers them all, so metadata also updates the CFDI statuses.
const volume = Math.max(cfdiCount, metadataRows, 1);
const universe = createUniverse({
  seed: BENCH_SEED,
  volumes: { [BENCH_RFC]: { issuedPerMonth: volume, receivedPerMonth: 1 } },
  cfdiPerPackage: volume,
  metadataRowsPerPackage: volume,
});
const store = createFsObjectStore({ rootDir });

const t0 = performance.now();
if (cfdiCount > 0) {
  const [plan] = universe.planPackages('BENCH', { ...BENCH_FILTER, kind: 'cfdi' });
  if (!plan) throw new Error('the universe produced no CFDI');
  await store.put(cfdiKey, universe.packageZip({ ...plan, uuids: plan.uuids.slice(0, cfdiCount) }));
}
const t1 = performance.now();
if (metadataRows > 0) {
  const [plan] = universe.planPackages('BENCH', { ...BENCH_FILTER, kind: 'metadata' });
  if (!plan) throw new Error('the universe produced no metadata');
  await store.put(metadataKey, universe.packageZip({ ...plan, uuids: plan.uuids.slice(0, metadataRows) }));
}
const t2 = performance.now();
console.log(JSON.stringify({ cfdiSeconds: (t1 - t0) / 1000, metadataSeconds: (t2 - t1) / 1000 }));

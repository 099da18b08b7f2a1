/**
 * Download benchmark: one SAT package of N CFDI (default 200,000, about 630 MB of zip) from the
 * simulator (a child process), through the real download path (signed Descargar, streamed answer,
 * incremental base64, atomic put) into a file object store in a temp folder.
 *
 *   node --import tsx bench/sat-download/run.ts [--cfdi 200000] [--keep]
 *
 * Prints MB/s and peak RSS; the last line is one JSON object. Not a test: nothing is asserted on time.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { storeInto } from '../../apps/server/src/modules/sat-download/package-store.js';
import {
  createSatGateway,
  resolveEndpoints,
} from '../../apps/server/src/modules/sat-download/sat/sat-gateway.js';
import { createCache } from '../../apps/server/src/platform/cache/index.js';
import { createFsObjectStore } from '../../apps/server/src/platform/storage/index.js';

const argv = process.argv.slice(2);
const at = argv.indexOf('--cfdi');
const cfdi = at === -1 ? 200_000 : Number(argv[at + 1]);
if (!Number.isInteger(cfdi) || cfdi < 1) throw new Error('--cfdi must be a positive integer');
const keep = argv.includes('--keep');

const here = path.dirname(fileURLToPath(import.meta.url));
const efirma = path.resolve(here, '../../test-fixtures/efirma');
const RFC = 'EKU9003173C9';
const YEAR = new Date().getUTCFullYear() - 1;
const mb = (bytes: number) => bytes / 1_000_000;
const maxRssMb = () => Math.round(process.resourceUsage().maxRSS / 1024);

async function startSimulatorProcess(): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(here, 'simulator.ts'), String(cfdi)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const lines = createInterface({ input: child.stdout! });
  const [url] = (await Promise.race([
    once(lines, 'line'),
    once(child, 'exit').then(([code]) => {
      throw new Error(`simulator exited with ${code}`);
    }),
  ])) as [string];
  return { child, url };
}

const work = await mkdtemp(path.join(tmpdir(), 'boveda-bench-sat-download-'));
const { child, url } = await startSimulatorProcess();
try {
  const admin = async (route: string, body: unknown) => {
    const res = await fetch(`${url}${route}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`simulator ${route}: ${res.status}`);
  };
  const gateway = createSatGateway({
    endpoints: resolveEndpoints(url)!,
    http: { timeoutMs: 60_000, backoffMs: 500 },
    cache: await createCache(),
  });
  const session = gateway.session(
    `bench:${RFC}`,
    {
      rfc: RFC,
      certificateDer: await readFile(path.join(efirma, 'fiel-EKU9003173C9.cer')),
      privateKeyDer: await readFile(path.join(efirma, 'fiel-EKU9003173C9.key')),
      password: (await readFile(path.join(efirma, 'fiel-EKU9003173C9-password.txt'), 'utf8')).trim(),
    },
    (e) => {
      if (e.code === undefined) console.error(`${e.operation}: ${e.message}`);
    },
  );

  const filed = await session.query({
    kind: 'cfdi',
    direction: 'issued',
    periodStart: `${YEAR}-03-01T00:00:00`,
    periodEnd: `${YEAR}-03-31T23:59:59`,
    filters: { status: 'Todos' },
  });
  if (filed.code !== 5000) throw new Error(`Solicita: ${filed.code} ${filed.message}`);
  await admin('/__admin/clock/advance', { seconds: 10 });
  const verified = await session.verify(filed.satRequestId);
  if (verified.requestState !== 3 || verified.packageIds.length !== 1) {
    throw new Error(`Verifica: state ${verified.requestState}, ${verified.packageIds.length} packages`);
  }
  const [packageId] = verified.packageIds as [string];

  const storage = createFsObjectStore({ rootDir: path.join(work, 'objects') });
  const key = `tenants/bench/clientes/${RFC}/${YEAR}/paquetes/cfdi/${packageId}.zip`;
  const rssBefore = maxRssMb();
  console.error(`downloading ${verified.count} CFDI (peak RSS so far ${rssBefore} MB)…`);
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const answer = await session.download(packageId, storeInto(storage, key));
  const seconds = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  // The simulator builds the zip as it sends it and shares the two cores: CPU time is this side's own cost.
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  if (answer.code !== 5000 || !answer.stored) throw new Error(`Descargar: ${answer.code} ${answer.message}`);
  const zipMb = mb(answer.stored.size);
  const result = {
    cfdi: verified.count,
    zipMB: Number(zipMb.toFixed(1)),
    base64MB: Number(mb(Math.ceil(answer.stored.size / 3) * 4).toFixed(1)),
    seconds: Number(seconds.toFixed(2)),
    zipMBPerSecond: Number((zipMb / seconds).toFixed(1)),
    clientCpuSeconds: Number(cpuSeconds.toFixed(2)),
    zipMBPerClientCpuSecond: Number((zipMb / cpuSeconds).toFixed(1)),
    peakRssMB: maxRssMb(),
    peakRssBeforeDownloadMB: rssBefore,
    sha256: answer.stored.sha256,
    node: process.version,
  };
  console.log(
    `${result.cfdi} CFDI: ${result.zipMB} MB zip in ${result.seconds} s = ${result.zipMBPerSecond} MB/s ` +
      `(${result.zipMBPerClientCpuSecond} MB per CPU second of the client); ` +
      `peak RSS ${result.peakRssMB} MB (${rssBefore} MB before the download)`,
  );
  console.log(JSON.stringify(result));
} finally {
  child.kill('SIGTERM');
  await once(child, 'exit');
  if (!keep) await rm(work, { recursive: true, force: true });
  else console.error(`kept ${work}`);
}

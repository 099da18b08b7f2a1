/**
 * Child process of run.ts: the SAT simulator with one taxpayer whose month of issued CFDI fits in
 * one package, so the simulator's own memory never counts in the download's peak RSS.
 *
 *   node --import tsx bench/sat-download/simulator.ts <cfdi> <seed>
 *
 * Prints its base URL on the first line of stdout and runs until killed.
 */
import { startSimulator } from '@boveda/sat-simulator';

const [cfdiArg, seed = 'bench-sat-download'] = process.argv.slice(2);
const cfdi = Number(cfdiArg);
if (!Number.isInteger(cfdi) || cfdi < 1) throw new Error('usage: simulator.ts <cfdi> [seed]');

const sim = await startSimulator({
  seed,
  timing: { acceptedSeconds: 1, processingSeconds: 1 },
  limits: { maxCfdi: Math.max(200_000, cfdi) },
  universe: {
    volumes: { EKU9003173C9: { issuedPerMonth: cfdi, receivedPerMonth: 1 } },
    cfdiPerPackage: cfdi,
  },
});
process.stdout.write(`${sim.url}\n`);
const stop = () => void sim.close().then(() => process.exit(0));
process.once('SIGTERM', stop);
process.once('SIGINT', stop);

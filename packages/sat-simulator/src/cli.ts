import { parseArgs } from 'node:util';
import { startSimulator } from './simulator.js';

const USAGE = 'usage: boveda-sat-sim [--port <n>] [--host <addr>] [--seed <s>] [--https] [--strict]';

function fail(message: string): never {
  process.stderr.write(`${message}\n${USAGE}\n`);
  process.exit(2);
}

function parse(args: string[]) {
  try {
    return parseArgs({
      args,
      options: {
        port: { type: 'string', default: '0' },
        host: { type: 'string', default: '127.0.0.1' },
        seed: { type: 'string' },
        https: { type: 'boolean', default: false },
        strict: { type: 'boolean', default: false },
        help: { type: 'boolean', default: false },
      },
    }).values;
  } catch (error) {
    return fail(error instanceof Error ? error.message : String(error));
  }
}

async function main(argv: string[]): Promise<void> {
  const values = parse(argv);
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) fail(`invalid --port ${values.port}`);
  const sim = await startSimulator({
    port,
    host: values.host,
    https: values.https,
    strict: values.strict,
    ...(values.seed !== undefined ? { seed: values.seed } : {}),
  });
  process.stdout.write(`${sim.url}\n`);
  const stop = () => void sim.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main(process.argv.slice(2)).catch((error: unknown) => {
  process.stderr.write(`boveda-sat-sim: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});

import { parseArgs } from 'node:util';
import { DEFAULTS, type FacturifySimulatorOptions, startFacturifySimulator } from './simulator.js';

const USAGE = `usage: boveda-facturify-sim [--port 4200] [--host 127.0.0.1]
  [--api-key ${DEFAULTS.apiKey}] [--api-secret ${DEFAULTS.apiSecret}] [--environment sandbox|production]
  [--token-ttl <s>] [--refreshed-token-ttl <s>] [--refresh-ttl <s>] [--blacklist-grace <s>] [--no-blacklist]
  [--leeway <s>] [--refresh-iat] [--expires-in-unit minutes|seconds] [--expires-in-type number|string]
  [--stamping sync|async] [--async-completion auto|manual] [--async-delay-ms <ms>]
  [--cancellation sat-rules|accept|pending] [--cancellation-expiry <s>] [--callback-url <url>]
  [--download-format binary|json] [--now <ISO date>] [--jwt-secret <s>]`;

function fail(message: string): never {
  process.stderr.write(`${message}\n${USAGE}\n`);
  process.exit(2);
}

function parse(args: string[]) {
  const text = (fallback?: string) => ({
    type: 'string' as const,
    ...(fallback ? { default: fallback } : {}),
  });
  const flag = { type: 'boolean' as const, default: false };
  try {
    return parseArgs({
      args,
      options: {
        port: text('4200'),
        host: text('127.0.0.1'),
        'api-key': text(),
        'api-secret': text(),
        environment: text(),
        'jwt-secret': text(),
        'token-ttl': text(),
        'refreshed-token-ttl': text(),
        'refresh-ttl': text(),
        'blacklist-grace': text(),
        'no-blacklist': flag,
        leeway: text(),
        'refresh-iat': flag,
        'expires-in-unit': text(),
        'expires-in-type': text(),
        stamping: text(),
        'async-completion': text(),
        'async-delay-ms': text(),
        cancellation: text(),
        'cancellation-expiry': text(),
        'callback-url': text(),
        'download-format': text(),
        now: text(),
        help: flag,
      },
    }).values;
  } catch (error) {
    return fail(error instanceof Error ? error.message : String(error));
  }
}

function int(name: string, value: string | undefined, min: number): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min) fail(`invalid --${name} ${value}`);
  return n;
}

function options(v: ReturnType<typeof parse>): FacturifySimulatorOptions {
  const port = int('port', v.port, 0);
  if (port === undefined || port > 65535) fail(`invalid --port ${v.port}`);
  const o: FacturifySimulatorOptions = { port, host: v.host! };
  const set = <K extends keyof FacturifySimulatorOptions>(
    key: K,
    value: FacturifySimulatorOptions[K] | undefined,
  ) => {
    if (value !== undefined) o[key] = value;
  };
  set('apiKey', v['api-key']);
  set('apiSecret', v['api-secret']);
  set('jwtSecret', v['jwt-secret']);
  set('environment', v.environment as FacturifySimulatorOptions['environment']);
  set('tokenTtlSeconds', int('token-ttl', v['token-ttl'], 1));
  set('refreshedTokenTtlSeconds', int('refreshed-token-ttl', v['refreshed-token-ttl'], 1));
  set('refreshTtlSeconds', int('refresh-ttl', v['refresh-ttl'], 1));
  set('blacklistGraceSeconds', int('blacklist-grace', v['blacklist-grace'], 0));
  set('leewaySeconds', int('leeway', v.leeway, 0));
  set('asyncDelayMs', int('async-delay-ms', v['async-delay-ms'], 0));
  set('cancellationExpirySeconds', int('cancellation-expiry', v['cancellation-expiry'], 1));
  if (v['no-blacklist']) o.blacklistEnabled = false;
  if (v['refresh-iat']) o.refreshIat = true;
  set('expiresInUnit', v['expires-in-unit'] as FacturifySimulatorOptions['expiresInUnit']);
  set('expiresInType', v['expires-in-type'] as FacturifySimulatorOptions['expiresInType']);
  set('stamping', v.stamping as FacturifySimulatorOptions['stamping']);
  set('asyncCompletion', v['async-completion'] as FacturifySimulatorOptions['asyncCompletion']);
  set('cancellation', v.cancellation as FacturifySimulatorOptions['cancellation']);
  set('callbackUrl', v['callback-url']);
  set('downloadFormat', v['download-format'] as FacturifySimulatorOptions['downloadFormat']);
  if (v.now !== undefined) {
    const now = new Date(v.now);
    if (Number.isNaN(now.getTime())) fail(`invalid --now ${v.now}`);
    o.now = now;
  }
  return o;
}

async function main(argv: string[]): Promise<void> {
  const v = parse(argv);
  if (v.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const o = options(v);
  let sim: Awaited<ReturnType<typeof startFacturifySimulator>>;
  try {
    sim = await startFacturifySimulator(o);
  } catch (error) {
    // Option values the simulator refuses (an unknown --stamping, …) are usage errors too.
    if (error instanceof RangeError) fail(error.message);
    throw error;
  }
  // stdout carries only the URL (scripts read its first line); the rest is for humans.
  process.stdout.write(`${sim.url}\n`);
  process.stderr.write(
    `boveda-facturify-sim: POST ${sim.url}/api/v1/auth with api_key=${o.apiKey ?? DEFAULTS.apiKey}; admin API at ${sim.url}/__admin/state\n`,
  );
  const stop = () => void sim.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main(process.argv.slice(2)).catch((error: unknown) => {
  process.stderr.write(`boveda-facturify-sim: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});

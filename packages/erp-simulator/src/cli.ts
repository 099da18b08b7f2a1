import { parseArgs } from 'node:util';
import type { AuthConfig } from './auth.js';
import { startErpSimulator } from './simulator.js';

const USAGE = `usage: boveda-erp-sim [--port 4100] [--host 127.0.0.1] [--seed <s>]
  [--customers <n>] [--suppliers <n>] [--purchase-orders <n>]
  [--auth none|api-key|bearer|basic|oauth2] [--api-key <k>] [--token <t>] [--username <u>] [--password <p>]
  [--client-id <id>] [--client-secret <s>] [--token-ttl <seconds>]
  [--required-fields a,b.c] [--id-location id|data.id|…] [--rate-limit <per second>]`;

function fail(message: string): never {
  process.stderr.write(`${message}\n${USAGE}\n`);
  process.exit(2);
}

function parse(args: string[]) {
  const text = (fallback?: string) => ({
    type: 'string' as const,
    ...(fallback ? { default: fallback } : {}),
  });
  try {
    return parseArgs({
      args,
      options: {
        port: text('4100'),
        host: text('127.0.0.1'),
        seed: text(),
        customers: text(),
        suppliers: text(),
        'purchase-orders': text(),
        auth: text('none'),
        'api-key': text('demo-api-key'),
        token: text('demo-token'),
        username: text('demo'),
        password: text('demo'),
        'client-id': text('demo-client'),
        'client-secret': text('demo-secret'),
        'token-ttl': text(),
        'required-fields': text(),
        'id-location': text(),
        'rate-limit': text(),
        help: { type: 'boolean', default: false },
      },
    }).values;
  } catch (error) {
    return fail(error instanceof Error ? error.message : String(error));
  }
}

function count(name: string, value: string | undefined, min = 0): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min) fail(`invalid --${name} ${value}`);
  return n;
}

function authOf(v: ReturnType<typeof parse>): AuthConfig {
  switch (v.auth) {
    case 'none':
      return { type: 'none' };
    case 'api-key':
      return { type: 'api-key', key: v['api-key']! };
    case 'bearer':
      return { type: 'bearer', token: v.token! };
    case 'basic':
      return { type: 'basic', username: v.username!, password: v.password! };
    case 'oauth2':
      return { type: 'oauth2', clientId: v['client-id']!, clientSecret: v['client-secret']! };
    default:
      return fail(`invalid --auth ${v.auth}`);
  }
}

async function main(argv: string[]): Promise<void> {
  const v = parse(argv);
  if (v.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const port = count('port', v.port);
  if (port === undefined || port > 65535) fail(`invalid --port ${v.port}`);
  const counts = {
    ...(v.customers !== undefined ? { customers: count('customers', v.customers) } : {}),
    ...(v.suppliers !== undefined ? { suppliers: count('suppliers', v.suppliers) } : {}),
    ...(v['purchase-orders'] !== undefined
      ? { purchaseOrders: count('purchase-orders', v['purchase-orders']) }
      : {}),
  } as { customers?: number; suppliers?: number; purchaseOrders?: number };
  const auth = authOf(v);
  const ttl = count('token-ttl', v['token-ttl'], 1);
  const rate = count('rate-limit', v['rate-limit'], 1);
  const sim = await startErpSimulator({
    port,
    host: v.host!,
    ...(v.seed !== undefined ? { seed: v.seed } : {}),
    counts,
    auth,
    ...(v['required-fields'] !== undefined
      ? { requiredFields: { invoices: v['required-fields'].split(',').filter(Boolean) } }
      : {}),
    ...(v['id-location'] ? { idLocation: v['id-location'] } : {}),
    ...(ttl ? { tokenTtlSeconds: ttl } : {}),
    ...(rate ? { rateLimitPerSecond: rate } : {}),
  });
  // stdout carries only the URL (scripts read its first line); the rest is for humans.
  process.stdout.write(`${sim.url}\n`);
  process.stderr.write(`boveda-erp-sim: auth ${auth.type}; admin API at ${sim.url}/__admin/state\n`);
  const stop = () => void sim.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main(process.argv.slice(2)).catch((error: unknown) => {
  process.stderr.write(`boveda-erp-sim: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});

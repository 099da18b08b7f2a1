import { Writable } from 'node:stream';

/**
 * Log lines a person reads on a terminal: `12:03:04 INFO  sat-download  request filed  rfc=EKU9003173C9`
 * instead of pino's JSON. Lines arrive already scrubbed (the logger's hook runs before any
 * destination), so this only reshapes them. A line that is not JSON is written as it came.
 */
const LEVELS: Record<number, string> = {
  10: 'TRACE',
  20: 'DEBUG',
  30: 'INFO ',
  40: 'WARN ',
  50: 'ERROR',
  60: 'FATAL',
};
const COLOURS: Record<number, string> = { 10: '90', 20: '90', 30: '32', 40: '33', 50: '31', 60: '35' };
// pino's own fields, and the request/response objects shown in short form.
const SKIP = new Set(['level', 'time', 'pid', 'hostname', 'msg', 'v', 'req', 'res', 'err', 'responseTime']);

function value(v: unknown): string {
  if (typeof v === 'string') return /\s/.test(v) || v === '' ? JSON.stringify(v) : v;
  return JSON.stringify(v);
}

export function formatLine(line: string, colour = false): string {
  let entry: Record<string, unknown>;
  try {
    entry = JSON.parse(line) as Record<string, unknown>;
  } catch {
    return line;
  }
  const level = Number(entry.level);
  const time = new Date(Number(entry.time) || Date.now()).toTimeString().slice(0, 8);
  const name = LEVELS[level] ?? String(entry.level);
  const tag = colour ? `\u001b[${COLOURS[level] ?? '0'}m${name}\u001b[0m` : name;
  const parts = [time, tag, String(entry.msg ?? '')];
  const req = entry.req as { method?: string; url?: string } | undefined;
  const res = entry.res as { statusCode?: number } | undefined;
  if (req?.method) parts.push(`${req.method} ${req.url ?? ''}`);
  if (res?.statusCode) parts.push(String(res.statusCode));
  if (typeof entry.responseTime === 'number') parts.push(`${entry.responseTime.toFixed(1)} ms`);
  const fields = Object.entries(entry)
    .filter(([k]) => !SKIP.has(k))
    .map(([k, v]) => `${k}=${value(v)}`);
  let out = [...parts, ...fields].filter(Boolean).join('  ');
  const err = entry.err as { type?: string; message?: string; stack?: string } | undefined;
  if (err) {
    const text = err.stack ?? `${err.type ?? 'Error'}: ${err.message ?? ''}`;
    out += `\n  ${text.replace(/\n/g, '\n  ')}`;
  }
  return out;
}

/** A pino destination writing readable lines to `target` (stdout by default). */
export function prettyDestination(target: NodeJS.WritableStream = process.stdout, colour = false): Writable {
  let pending = '';
  return new Writable({
    write(chunk: Buffer | string, _encoding, done) {
      pending += chunk.toString();
      let newline = pending.indexOf('\n');
      while (newline >= 0) {
        const line = pending.slice(0, newline);
        pending = pending.slice(newline + 1);
        if (line) target.write(`${formatLine(line, colour)}\n`);
        newline = pending.indexOf('\n');
      }
      done();
    },
  });
}

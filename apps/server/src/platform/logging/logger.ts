import pino, { type DestinationStream, type Level, type Logger, type LoggerOptions } from 'pino';
import { prettyDestination } from './pretty-destination.js';
import { CENSOR, redactPaths } from './redact-paths.js';
import { scrubObject } from './scrub-object.js';
import { scrubSecrets } from './scrub-secrets.js';

export type LogLevel = Level | 'silent';

interface RequestLike {
  method?: string;
  url?: string;
  host?: string;
  ip?: string;
  headers?: Record<string, unknown>;
  socket?: { remotePort?: number };
}

/**
 * Pino options with all secret handling in one place: pino path redaction, a logMethod hook that
 * scrubs every argument (messages, interpolation values, objects, errors) before pino sees it, and
 * request/response/error serializers shaped like Fastify's defaults but scrubbed. Usable as
 * `Fastify({ logger: loggerOptions(level) })` or through `createLogger` + `{ loggerInstance }`.
 */
export function loggerOptions(level: LogLevel): LoggerOptions {
  return {
    level,
    redact: { paths: redactPaths, censor: CENSOR },
    hooks: {
      logMethod(args, method) {
        const scrubbed = (args as unknown[]).map((a) => scrubObject(a));
        return method.apply(this, scrubbed as Parameters<typeof method>);
      },
    },
    formatters: {
      bindings: (bindings) => scrubObject(bindings),
    },
    serializers: {
      req: (req: RequestLike) => ({
        method: req.method,
        url: typeof req.url === 'string' ? scrubSecrets(req.url) : req.url,
        version: req.headers?.['accept-version'],
        host: req.host,
        remoteAddress: req.ip,
        remotePort: req.socket?.remotePort,
      }),
      res: (res: { statusCode?: number }) => ({ statusCode: res.statusCode }),
      err: (err: unknown) => pino.stdSerializers.errWithCause(scrubObject(err) as Error),
    },
  };
}

export type LogFormat = 'auto' | 'json' | 'pretty';

export interface CreateLoggerOptions {
  level: LogLevel;
  /** Defaults to stdout. Tests pass an in-memory stream. */
  destination?: DestinationStream;
  /**
   * `json` (one object per line, for log collectors), `pretty` (readable lines), or `auto`: pretty
   * when stdout is a terminal, JSON otherwise. Ignored when a destination is given.
   */
  format?: LogFormat;
}

export function createLogger(options: CreateLoggerOptions): Logger {
  const opts = loggerOptions(options.level);
  if (options.destination) return pino(opts, options.destination);
  const pretty = options.format === 'pretty' || (options.format === 'auto' && process.stdout.isTTY === true);
  return pretty ? pino(opts, prettyDestination(process.stdout, process.stdout.isTTY === true)) : pino(opts);
}

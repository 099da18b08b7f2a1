import pino, { type DestinationStream, type Level, type Logger, type LoggerOptions } from 'pino';
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

export interface CreateLoggerOptions {
  level: LogLevel;
  /** Defaults to stdout. Tests pass an in-memory stream. */
  destination?: DestinationStream;
}

export function createLogger(options: CreateLoggerOptions): Logger {
  const opts = loggerOptions(options.level);
  return options.destination ? pino(opts, options.destination) : pino(opts);
}

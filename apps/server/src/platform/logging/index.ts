export type { Logger } from 'pino';
export { type CreateLoggerOptions, createLogger, type LogLevel, loggerOptions } from './logger.js';
export { CENSOR, isSecretName, redactPaths } from './redact-paths.js';
export { scrubObject } from './scrub-object.js';
export { scrubSecrets } from './scrub-secrets.js';

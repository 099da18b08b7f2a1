import path from 'node:path';
import { z } from 'zod';

const bool = z
  .enum(['1', '0', 'true', 'false', 'yes', 'no', ''])
  .transform((v) => v === '1' || v === 'true' || v === 'yes');

/** `smtp://` or `smtps://` with a host and nothing after the port (credentials percent-encoded). */
function isSmtpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (
      (url.protocol === 'smtp:' || url.protocol === 'smtps:') &&
      url.hostname !== '' &&
      (url.pathname === '' || url.pathname === '/') &&
      url.search === '' &&
      url.hash === ''
    );
  } catch {
    return false;
  }
}

/** `address@domain` or `Display Name <address@domain>` (no line breaks: it becomes a header). */
const MAILBOX = /^(?:[^\r\n<>@]*<[^\s<>@]+@[^\s<>@]+>|[^\s<>@]+@[^\s<>@]+)$/;

const csv = z.string().transform((v) =>
  v
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean),
);

/** Seconds, comma-separated (a retry or verification schedule): at most 20, each up to a week. */
const secondsList = (fallback: string) =>
  z
    .string()
    .default(fallback)
    .transform((v, ctx) => {
      const parts = v.split(',').map((s) => s.trim());
      if (parts.length > 20 || parts.some((p) => !/^\d+(\.\d+)?$/.test(p) || Number(p) > 7 * 86_400)) {
        ctx.addIssue({
          code: 'custom',
          message: 'seconds between 0 and 604800, comma-separated, at most 20',
        });
        return z.NEVER;
      }
      return parts.map(Number);
    });

/**
 * Every environment variable Bóveda reads, in one schema. `.env.example` documents each one;
 * keep the two in step (a test checks it).
 */
const envShape = {
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  PUBLIC_URL: z.url().optional(),
  BOVEDA_DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL')
    .optional(),
  DATABASE_POOL_MAX: z.coerce.number().int().min(1).max(200).default(10),
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, 'must be a redis:// URL')
    .optional(),
  BOVEDA_MASTER_KEY: z
    .string()
    .refine((v) => Buffer.from(v, 'base64').length === 32, 'must be 32 bytes, base64-encoded')
    .optional(),
  BOVEDA_MASTER_KEY_PREVIOUS: z
    .string()
    .refine((v) => Buffer.from(v, 'base64').length === 32, 'must be 32 bytes, base64-encoded')
    .optional(),
  BOVEDA_MASTER_KEY_FILE: z.string().min(1).optional(),
  STORAGE_DRIVER: z.enum(['fs', 's3']).default('fs'),
  S3_ENDPOINT: z.url().optional(),
  S3_REGION: z.string().default('us-east-1'),
  S3_BUCKET: z.string().optional(),
  S3_ACCESS_KEY_ID: z.string().optional(),
  S3_SECRET_ACCESS_KEY: z.string().optional(),
  S3_FORCE_PATH_STYLE: bool.default(true),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** `auto`: readable lines on a terminal, JSON lines otherwise (files, journald, collectors). */
  LOG_FORMAT: z.enum(['auto', 'json', 'pretty']).default('auto'),
  RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(300),
  LOGIN_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(10),
  /** Authenticated requests per minute of one API client (an API key, or a signed-in person). */
  RATE_LIMIT_PER_CLIENT_PER_MINUTE: z.coerce.number().int().min(1).default(600),
  /** Authenticated requests per minute of one organization, all its clients together. */
  RATE_LIMIT_PER_TENANT_PER_MINUTE: z.coerce.number().int().min(1).default(3000),
  /**
   * The operator's token for plans and quotas (`/api/v1/operator/…`, 32+ characters). Unset: no
   * operator API (`boveda plan …` on the server still works).
   */
  OPERATOR_TOKEN: z.string().min(32, 'use at least 32 characters').optional(),
  /** Hours a stored answer to an `Idempotency-Key` is replayed (24, as Stripe). */
  IDEMPOTENCY_TTL_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 7)
    .default(24),
  /** Prepended to every Redis key and channel, so several installations can share one Redis. */
  REDIS_KEY_PREFIX: z.string().min(1).max(64).default('boveda:'),
  SESSION_TTL_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 90)
    .default(24 * 7),
  /** How long a password reset link works; an hour is the usual compromise (mail delays vs. exposure). */
  PASSWORD_RESET_TTL_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(60),
  OUTBOUND_ALLOW_PRIVATE: bool.default(false),
  OUTBOUND_ALLOWED_HOSTS: csv.default([]),
  OUTBOUND_TIMEOUT_MS: z.coerce.number().int().min(100).default(15_000),
  OUTBOUND_MAX_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .default(10 * 1024 * 1024),
  /**
   * Outgoing mail: `smtp://user:pass@host:587` (STARTTLS) or `smtps://user:pass@host:465`.
   * Unset: mail is not sent, only logged (recipient count and subject). The password is a secret.
   */
  SMTP_URL: z
    .string()
    .refine(isSmtpUrl, 'must be smtp://[user:pass@]host[:port] or smtps://…, nothing after the port')
    .optional(),
  /** The sender of every mail: an address or `Name <address>`. */
  EMAIL_FROM: z
    .string()
    .regex(MAILBOX, 'must be an address or "Name <address>"')
    .default('Bóveda <no-reply@localhost>'),
  /** One SMTP delivery, connection to last reply. */
  SMTP_TIMEOUT_MS: z.coerce.number().int().min(1000).max(300_000).default(15_000),
  JOBS_POLL_SECONDS: z.coerce.number().min(0.5).default(2),
  /**
   * Which jobs this process runs: job names or `prefix.*`, comma-separated. Lets an operator give
   * slow work (downloads, later OCR) its own processes without it starving the rest.
   */
  WORKER_JOBS: csv
    .default(['*'])
    .refine((l) => l.length > 0 && l.every((p) => /^(\*|[a-z0-9-]+(\.[a-z0-9-]+)*(\.\*)?)$/.test(p)), {
      message: 'must be job names or prefix.* patterns, comma-separated',
    }),
  /**
   * Most CFDI in one `export.zip`, and with `pdf=true` (each PDF is rendered in the request, 50–400 ms
   * of CPU). Both stay under zip32's 65,535 entries: a PDF doubles the entries.
   */
  CFDI_ZIP_MAX_DOCUMENTS: z.coerce.number().int().min(1).max(65_000).default(50_000),
  CFDI_ZIP_MAX_PDF: z.coerce.number().int().min(1).max(32_000).default(1_000),
  /** The inbox: largest accepted file and most files in one upload. */
  INBOX_MAX_FILE_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .default(20 * 1024 * 1024),
  INBOX_MAX_FILES_PER_UPLOAD: z.coerce.number().int().min(1).max(500).default(50),
  /** Parallel OCR workers per worker process (each holds ~200–300 MB while reading a page). */
  INBOX_OCR_WORKERS: z.coerce.number().int().min(1).max(8).default(2),
  /**
   * The optional LLM step of the inbox: the base URL of an OpenAI-compatible API (`…/v1`). Unset:
   * off, nothing leaves the server. Goes through the outbound guard like any user-given URL.
   */
  INBOX_LLM_URL: z.url({ protocol: /^https?$/ }).optional(),
  INBOX_LLM_MODEL: z.string().min(1).optional(),
  /** Sent as `Authorization: Bearer`; a secret (redacted in logs, never echoed). */
  INBOX_LLM_API_KEY: z.string().min(1).optional(),
  /** One LLM request, reading included: a local model on a CPU needs tens of seconds per page. */
  // At most 10 min: the inbox.extract job (15 min) must outlive a slow model plus the reading.
  INBOX_LLM_TIMEOUT_MS: z.coerce.number().int().min(1000).max(600_000).default(60_000),
  /** Seconds before each retry of a failed webhook delivery (Svix's schedule: 5 s … 10 h). */
  WEBHOOK_RETRY_SCHEDULE: secondsList('5,300,1800,7200,18000,36000,36000'),
  /** One webhook attempt, connection and answer included. */
  WEBHOOK_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(15_000),
  /** Attempts in flight per worker process, and per endpoint within it. */
  WEBHOOK_CONCURRENCY: z.coerce.number().int().min(1).max(1000).default(64),
  WEBHOOK_ENDPOINT_CONCURRENCY: z.coerce.number().int().min(1).max(200).default(16),
  /** An endpoint whose every attempt failed for this long is disabled (5 days). */
  WEBHOOK_DISABLE_AFTER_SECONDS: z.coerce
    .number()
    .int()
    .min(1)
    .default(5 * 86_400),
  /** Admins are e-mailed when an endpoint has failed this many attempts in a row. */
  WEBHOOK_ALERT_AFTER_FAILURES: z.coerce.number().int().min(1).default(5),
  /** Refuse http:// endpoint URLs. */
  WEBHOOK_REQUIRE_HTTPS: bool.default(false),
  WEBHOOK_MAX_ENDPOINTS: z.coerce.number().int().min(1).max(10_000).default(50),
  /** After a rotation the old secret keeps signing for this long (24 h). */
  WEBHOOK_SECRET_OVERLAP_SECONDS: z.coerce.number().int().min(0).default(86_400),
  /** Seconds before a connector run that could not reach its ERP is tried again (then it fails). */
  CONNECTOR_RUN_RETRY_SCHEDULE: secondsList('60,300,1800'),
  /** Seconds between the tries of one call to an ERP that answered 429/5xx or did not answer. */
  CONNECTOR_CALL_RETRY_SCHEDULE: secondsList('1,5,15'),
  /** The longest a connector waits when an ERP asks for it (`Retry-After`), in seconds. */
  CONNECTOR_MAX_RETRY_AFTER_SECONDS: z.coerce.number().int().min(0).max(3600).default(60),
  /** Largest answer read from an ERP (a page of records). */
  CONNECTOR_MAX_RESPONSE_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .default(32 * 1024 * 1024),
  /** Pages one pull may read per resource: a safety stop for an API whose cursor never ends. */
  CONNECTOR_MAX_PAGES: z.coerce.number().int().min(1).default(10_000),
  /** The instance's default Facturify account (organizations may connect their own). */
  FACTURIFY_BASE_URL: z.url().default('https://api-sandbox.facturify.com'),
  FACTURIFY_API_KEY: z.string().min(1).optional(),
  /** A secret (redacted in logs, never echoed). */
  FACTURIFY_API_SECRET: z.string().min(1).optional(),
  /** Where an organization's own account lives, by the environment it chose. */
  FACTURIFY_SANDBOX_URL: z.url().default('https://api-sandbox.facturify.com'),
  FACTURIFY_PRODUCTION_URL: z.url().default('https://api.facturify.com'),
  /** One call to Facturify, in seconds. */
  FACTURIFY_TIMEOUT: z.coerce.number().min(1).max(300).default(30),
  /** Tries of a call that failed transiently (network, timeout, 429, 5xx); never for bad credentials. */
  FACTURIFY_MAX_RETRIES: z.coerce.number().int().min(1).max(10).default(3),
  /** Full-jitter backoff between those tries: base × FACTURIFY_RETRY_BACKOFF^n ms, capped at 10 s. */
  FACTURIFY_RETRY_BACKOFF: z.coerce.number().min(1).max(10).default(2),
  FACTURIFY_RETRY_BASE_MS: z.coerce.number().int().min(0).max(10_000).default(500),
  /** The least time before expiry a token is refreshed, in seconds. */
  FACTURIFY_TOKEN_REFRESH_BUFFER: z.coerce.number().min(0).max(3600).default(60),
  /** After Facturify refused the credentials, no new /auth for this long (seconds). */
  FACTURIFY_BREAKER_SECONDS: z.coerce.number().min(1).max(86_400).default(300),
  /** Seconds between looks at an invoice the PAC stamps later (code 70) or a pending cancellation. */
  /** Seconds before a stamp whose answer was lost (or the PAC was down) is tried again, after a look-up. */
  PAC_STAMP_RETRY_SCHEDULE: secondsList('10,60,300,1800'),
  PAC_STATUS_CHECK_SCHEDULE: secondsList('5,15,30,60,120,300,900,3600,21600,86400,86400,86400,86400'),
  /** OAuth 2.0 access tokens live this long (1 h); refresh tokens (30 days) and codes (60 s). */
  OAUTH_ACCESS_TOKEN_TTL_SECONDS: z.coerce.number().int().min(60).max(86_400).default(3600),
  OAUTH_REFRESH_TOKEN_TTL_SECONDS: z.coerce
    .number()
    .int()
    .min(300)
    .default(30 * 86_400),
  OAUTH_CODE_TTL_SECONDS: z.coerce.number().int().min(10).max(600).default(60),
  BOVEDA_DEMO: bool.default(false),
  /** `production`, `simulator` (the bundled one, demo mode) or a base URL serving the SAT paths. */
  SAT_ENDPOINTS: z
    .string()
    .regex(/^(production|simulator|https?:\/\/.+)$/, 'must be production, simulator or an http(s) base URL')
    .default('production'),
  SAT_SYNC_CRON: z.string().min(9).default('0 23 * * *'),
  SAT_SYNC_TZ: z.string().min(1).default('America/Mexico_City'),
  /** Seconds between the worker's own looks at a filed request, after filing (then the last, repeated). */
  SAT_VERIFY_SCHEDULE: secondsList('60,120,300,600,1800,3600,7200,14400'),
  SAT_HTTP_TIMEOUT_MS: z.coerce.number().int().min(100).default(60_000),
  SAT_TLS_INSECURE: bool.default(false),
  /** Trust the SAT's test CA (the public test e.firma). Unset: on in demo mode only. */
  SAT_TRUST_TEST_CA: bool.optional(),
  /** More SAT CA certificates (DER or PEM paths), for an AC published after this release. */
  SAT_EXTRA_CA_FILES: csv.default([]),
};

/** The names of every variable Bóveda reads. */
export const envVariables = Object.keys(envShape);

export const envSchema = z.object(envShape).superRefine((env, ctx) => {
  if (env.STORAGE_DRIVER === 's3') {
    for (const key of ['S3_BUCKET', 'S3_ACCESS_KEY_ID', 'S3_SECRET_ACCESS_KEY'] as const) {
      if (!env[key])
        ctx.addIssue({ code: 'custom', path: [key], message: 'is required when STORAGE_DRIVER=s3' });
    }
  }
  if (env.INBOX_LLM_URL && !env.INBOX_LLM_MODEL) {
    ctx.addIssue({
      code: 'custom',
      path: ['INBOX_LLM_MODEL'],
      message: 'is required when INBOX_LLM_URL is set',
    });
  }
});

export type Env = z.output<typeof envSchema>;

export interface AppConfig {
  env: Env;
  dataDir: string;
  masterKeyFile: string;
  isProduction: boolean;
  /** e.firma certificates of the SAT's test CA are accepted (demo mode, tests). */
  satTrustTestCa: boolean;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Reads the environment once. A wrong or missing value throws a ConfigError naming the variable. */
export function loadConfig(
  source: Record<string, string | undefined> = process.env,
  overrides: Record<string, string> = {},
): AppConfig {
  // Empty strings mean "unset": shells and .env files often export VAR= .
  const cleaned = Object.fromEntries(
    Object.entries({ ...source, ...overrides }).filter(([, v]) => v !== undefined && v !== ''),
  );
  const parsed = envSchema.safeParse(cleaned);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((i) => {
        const name = String(i.path[0] ?? 'environment');
        // Never echo the value: it may be a secret (a master key, a password in a URL).
        return `${name}: ${i.message}`;
      }),
    );
  }
  const env = parsed.data;
  const dataDir = path.resolve(env.BOVEDA_DATA_DIR);
  return {
    env,
    dataDir,
    masterKeyFile: path.resolve(env.BOVEDA_MASTER_KEY_FILE ?? path.join(dataDir, 'master.key')),
    isProduction: env.NODE_ENV === 'production',
    satTrustTestCa: env.SAT_TRUST_TEST_CA ?? env.BOVEDA_DEMO,
  };
}

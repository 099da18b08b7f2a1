/**
 * Key-based redaction, in pino's path syntax. `scrubObject` also censors these names at any depth;
 * the paths make pino redact them even in objects that skip the scrubber (serializer output).
 */
export const CENSOR = '[redacted]';

const SECRET_NAMES = [
  'password',
  'privateKey',
  'key',
  'token',
  'accessToken',
  'refreshToken',
  'secret',
  'clientSecret',
  'apiKey',
  'masterKey',
  'authorization',
  'cookie',
];

export const redactPaths: string[] = [
  ...SECRET_NAMES,
  ...SECRET_NAMES.map((n) => `*.${n}`),
  'efirma.key',
  'efirma.password',
  'headers.authorization',
  'headers.cookie',
  'headers["set-cookie"]',
  'headers["x-api-key"]',
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-api-key"]',
  'res.headers["set-cookie"]',
  'BOVEDA_MASTER_KEY',
  'BOVEDA_MASTER_KEY_PREVIOUS',
  'S3_SECRET_ACCESS_KEY',
  'INBOX_LLM_API_KEY',
  'FACTURIFY_API_KEY',
  'FACTURIFY_API_SECRET',
  'SMTP_URL',
  '*.BOVEDA_MASTER_KEY',
  '*.BOVEDA_MASTER_KEY_PREVIOUS',
  '*.S3_SECRET_ACCESS_KEY',
  '*.INBOX_LLM_API_KEY',
  '*.FACTURIFY_API_KEY',
  '*.FACTURIFY_API_SECRET',
  '*.SMTP_URL',
];

/**
 * Whether a property name says its value is secret, at any depth. Normalised so that
 * `api_key`, `API-KEY` and `apiKey` match alike. Public certificates (`certificate`, `cer`) are not secret.
 */
export function isSecretName(name: string): boolean {
  const n = name.toLowerCase().replace(/[-_]/g, '');
  if (n === 'key' || n === 'authorization' || n === 'cookie' || n === 'setcookie' || n === 'pwd') return true;
  return /password|passwd|passphrase|secret|token|apikey|privatekey|masterkey|sessionid|credentials?$/.test(
    n,
  );
}

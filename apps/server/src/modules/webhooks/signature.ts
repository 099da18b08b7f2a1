import { createHmac, randomBytes } from 'node:crypto';

/**
 * The Standard Webhooks wire format (standardwebhooks.com), which Svix and the official
 * `standardwebhooks` libraries verify: a secret `whsec_<base64 key>`, and per attempt the headers
 * `webhook-id` (the message id, stable across retries), `webhook-timestamp` (Unix seconds of this
 * attempt) and `webhook-signature` (`v1,<base64 HMAC-SHA256 of "id.timestamp.body">`, several
 * separated by spaces while a rotated secret overlaps).
 */
const PREFIX = 'whsec_';

export function newWebhookSecret(): string {
  return PREFIX + randomBytes(32).toString('base64');
}

function keyOf(secret: string): Buffer {
  if (!secret.startsWith(PREFIX)) throw new Error('not a webhook secret');
  return Buffer.from(secret.slice(PREFIX.length), 'base64');
}

export function sign(secret: string, id: string, timestamp: number, body: string): string {
  const mac = createHmac('sha256', keyOf(secret)).update(`${id}.${timestamp}.${body}`).digest('base64');
  return `v1,${mac}`;
}

/** The three headers for one attempt, signed with every secret given (current first). */
export function signatureHeaders(
  secrets: readonly string[],
  id: string,
  body: string,
  now = new Date(),
): Record<string, string> {
  const timestamp = Math.floor(now.getTime() / 1000);
  return {
    'webhook-id': id,
    'webhook-timestamp': String(timestamp),
    'webhook-signature': secrets.map((s) => sign(s, id, timestamp, body)).join(' '),
  };
}
